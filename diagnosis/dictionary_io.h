#pragma once
// The dictionary on disk: JSON (format "bcmhil-fault-dictionary/1", the fields of Dictionary; the
// assistant's input) and CSV (one row per variant and test, for a spreadsheet). Both are written
// atomically (bench/output) and byte for byte the same for the same dictionary.
#include "dictionary.h"

#include <stdexcept>
#include <string>

namespace bcmhil::diagnosis {

inline constexpr const char* kDictionaryFormat = "bcmhil-fault-dictionary/1";

// A dictionary file that cannot be used. what() names the file, and for malformed JSON the line
// and column ("file:line:col: ..."), for a wrong shape the JSON path ("file: variants[3].id: ...").
class DictionaryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string dictionary_json(const Dictionary& d);  // the file's bytes
std::string dictionary_csv(const Dictionary& d);
void write_dictionary_json(const Dictionary& d, const std::string& path);  // throws output::OutputError
void write_dictionary_csv(const Dictionary& d, const std::string& path);

// Parses and checks a dictionary. `expect_model_version` empty: any model (merge, inspection).
Dictionary parse_dictionary(const std::string& text, const std::string& origin,
                            const std::string& expect_model_version);
// Refuses (DictionaryError naming both versions) a dictionary computed by another model version
// than this build's: its readings would not be what this model shows.
Dictionary load_dictionary(const std::string& path);
Dictionary load_dictionary(const std::string& path, const std::string& expect_model_version);

}  // namespace bcmhil::diagnosis
