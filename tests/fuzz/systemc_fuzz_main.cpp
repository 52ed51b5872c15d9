// What every libFuzzer target that links the SystemC library needs besides its own
// LLVMFuzzerTestOneInput (CMakeLists.txt adds this file to those with the SYSTEMC option).
#include <cstdlib>

// libsystemc.so brings its own main(), which calls sc_main; libFuzzer's main() is the one that
// runs, but the library's reference must resolve. C linkage, as <systemc> declares it (this file
// does not include it).
extern "C" int sc_main(int, char**) { return 0; }

// SystemC prints its copyright banner into the fuzzer's output unless told not to.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 1);
  return 0;
}
