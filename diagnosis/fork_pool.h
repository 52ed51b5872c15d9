#pragma once
// Work done in forked children, its result sent back over a pipe. The dictionary builder uses it
// twice: a child per variant (N at a time: `-j N`) that elaborates its car and brings it in, and
// inside that child a child per test, forked from the car at the workshop door (copy-on-write:
// every test starts from the same state without elaborating or simulating it again).
//
// SystemC here runs its processes as QuickThreads coroutines inside the one OS thread, so a fork
// after sc_start copies the whole simulation and the child can go on simulating. A child leaves
// with _exit (no atexit handlers, no stdio buffers flushed twice, no SystemC teardown).
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

namespace bcmhil::diagnosis {

// A child that failed: its message (an exception it caught and sent), or how it ended.
class ChildFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A child that failed on its input (it threw std::invalid_argument): the CLI's exit status 2.
class ChildRejectedInput : public ChildFailed {
 public:
  using ChildFailed::ChildFailed;
};

// Bytes a child computes. An exception thrown from it is sent back and rethrown in the parent as
// ChildFailed with the same message (ChildRejectedInput for std::invalid_argument).
using ChildWork = std::function<std::string()>;

// Forks one child that runs `work`, and returns its bytes (waits for it).
std::string in_child(const ChildWork& work);

// Runs work(i) for i in [0, count) in children, at most `parallel` at a time, and hands each
// result to done(i, bytes) in the parent as it arrives (in completion order). The first failure
// stops new children, kills the running ones and throws ChildFailed.
void in_children(std::size_t count, int parallel, const std::function<std::string(std::size_t)>& work,
                 const std::function<void(std::size_t, std::string)>& done);

}  // namespace bcmhil::diagnosis
