#include "strict_yaml.h"

#include "utf8_text.h"

#include <yaml-cpp/eventhandler.h>

#include <map>
#include <optional>
#include <sstream>
#include <vector>

namespace bcmhil::yaml {

StrictYamlError::StrictYamlError(int line, int column, const std::string& message)
    : std::runtime_error(printable(message)), line_(line), column_(column) {}

namespace {

// Walks the parser's events (not the node tree: an alias is one event here, however large the
// node it names) and remembers the first key that repeats one of its own mapping.
class DuplicateKeyFinder : public YAML::EventHandler {
 public:
  struct Duplicate {
    std::string key;
    YAML::Mark first, second;
  };
  const std::optional<Duplicate>& duplicate() const { return duplicate_; }
  const YAML::Mark& start() const { return start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  // Every spelling of null (~, null, nothing) is the same key.
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, "~"); }
  // An alias as a key is compared by nothing: it is rare, and never a key a parser reads.
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, std::nullopt); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    node(mark, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark, std::nullopt);
    frames_.push_back({false, true, {}});
  }
  void OnSequenceEnd() override { frames_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark, std::nullopt);
    frames_.push_back({true, true, {}});
  }
  void OnMapEnd() override { frames_.pop_back(); }

 private:
  struct Frame {
    bool is_map;
    bool at_key;  // in a map: the next node is a key (else its value)
    std::map<std::string, YAML::Mark> keys;
  };

  // A node begins; `scalar` is its text when it is a plain value that can be compared as a key.
  void node(const YAML::Mark& mark, const std::optional<std::string>& scalar) {
    if (frames_.empty() || !frames_.back().is_map) return;
    Frame& map = frames_.back();
    const bool key = map.at_key;
    map.at_key = !map.at_key;
    if (!key || !scalar || duplicate_) return;
    const auto [it, inserted] = map.keys.emplace(*scalar, mark);
    if (!inserted) duplicate_ = Duplicate{*scalar, it->second, mark};
  }

  std::vector<Frame> frames_;
  std::optional<Duplicate> duplicate_;
  YAML::Mark start_ = YAML::Mark::null_mark();
};

[[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) {
  throw StrictYamlError(mark.line + 1, mark.column + 1, message);
}

void reject_bad_bytes(const std::string& text) {
  const auto bad = first_bad_byte(text);
  if (!bad) return;
  const std::string byte = printable(std::string(1, static_cast<char>(bad->byte)));
  throw StrictYamlError(bad->line, bad->column,
                        bad->control ? "control character " + byte + " is not allowed in a YAML file"
                                     : "byte " + byte + " is not UTF-8 (save the file as UTF-8)");
}

// Event pass: duplicates in the first document, then whether a second one follows.
void check_events(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DuplicateKeyFinder first;
  if (!parser.HandleNextDocument(first)) return;
  if (const auto& d = first.duplicate())
    fail(d->second, "key '" + d->key + "' is given twice in this mapping (first at line " +
                        std::to_string(d->first.line + 1) + ", column " + std::to_string(d->first.column + 1) +
                        "); YAML would keep only the first");
  DuplicateKeyFinder second;
  if (parser.HandleNextDocument(second))
    fail(second.start(), "a second YAML document starts here; the file must hold exactly one");
}

}  // namespace

YAML::Node load_single_document(const std::string& text) {
  reject_bad_bytes(text);
  try {
    check_events(text);
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    fail(e.mark, "YAML syntax: " + e.msg);
  }
}

}  // namespace bcmhil::yaml
