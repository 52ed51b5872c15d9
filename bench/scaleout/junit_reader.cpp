#include "bench/scaleout/junit_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

namespace bcmhil::scaleout {

namespace {

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

std::string name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// Reads elements of one file; every complaint names the file and the element's line.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const xmlNode* node, const std::string& message) const {
    throw JunitReadError(path_ + ":" + std::to_string(xmlGetLineNo(node)) + ": " + message);
  }

  std::optional<std::string> attribute(const xmlNode* node, const char* name) const {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return std::nullopt;
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
  }
  std::string text_attribute(const xmlNode* node, const char* name) const { return attribute(node, name).value_or(""); }
  std::string required(const xmlNode* node, const char* name) const {
    auto value = attribute(node, name);
    if (!value) fail(node, "<" + name_of(node) + "> has no " + name + " attribute");
    return *value;
  }
  double seconds(const xmlNode* node) const {
    const std::string text = required(node, "time");
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno != 0 || !(value >= 0))
      fail(node, "time=\"" + text + "\" is not a number of seconds");
    return value;
  }
  int count(const xmlNode* node, const char* name) const {
    const std::string text = required(node, name);
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < 0 || value > 1000000000)
      fail(node, std::string(name) + "=\"" + text + "\" is not a count");
    return static_cast<int>(value);
  }

  report::JunitCase read_case(const xmlNode* node) const {
    report::JunitCase c;
    c.name = required(node, "name");
    c.time_s = seconds(node);
    c.file = text_attribute(node, "file");
    if (attribute(node, "line")) c.line = count(node, "line");
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      const std::string tag = name_of(child);
      if ((tag != "failure" && tag != "error") || c.outcome != report::JunitCase::Outcome::passed)
        fail(child, "unexpected <" + tag + "> in test case \"" + c.name + "\" (one <failure> or <error> at most)");
      c.outcome = tag == "failure" ? report::JunitCase::Outcome::failure : report::JunitCase::Outcome::error;
      c.type = text_attribute(child, "type");
      c.message = text_attribute(child, "message");
      xmlChar* text = xmlNodeGetContent(child);
      c.text = text ? reinterpret_cast<const char*>(text) : "";
      xmlFree(text);
    }
    return c;
  }

  report::JunitSuite read_suite(const xmlNode* node) const {
    report::JunitSuite s;
    s.name = required(node, "name");
    s.time_s = seconds(node);
    s.timestamp = text_attribute(node, "timestamp");
    s.hostname = text_attribute(node, "hostname");
    s.file = text_attribute(node, "file");
    int failures = 0, errors = 0;
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      if (name_of(child) != "testcase") fail(child, "unexpected <" + name_of(child) + "> in suite \"" + s.name + "\"");
      s.cases.push_back(read_case(child));
      failures += s.cases.back().outcome == report::JunitCase::Outcome::failure ? 1 : 0;
      errors += s.cases.back().outcome == report::JunitCase::Outcome::error ? 1 : 0;
    }
    // A suite whose counts disagree with its cases was edited or cut: its totals cannot be trusted.
    if (count(node, "tests") != static_cast<int>(s.cases.size()) || count(node, "failures") != failures ||
        count(node, "errors") != errors)
      fail(node, "suite \"" + s.name + "\" counts tests=" + required(node, "tests") + " failures=" +
                     required(node, "failures") + " errors=" + required(node, "errors") + " but holds " +
                     std::to_string(s.cases.size()) + " cases, " + std::to_string(failures) + " failed, " +
                     std::to_string(errors) + " errors");
    return s;
  }

  ProcessingInstruction read_instruction(const xmlNode* node) const {
    ProcessingInstruction pi{name_of(node), {}};
    const std::string data = node->content ? reinterpret_cast<const char*>(node->content) : "";
    std::size_t at = 0;
    while (true) {
      at = data.find_first_not_of(" \t\r\n", at);
      if (at == std::string::npos) break;
      const auto eq = data.find("=\"", at);
      const auto close = eq == std::string::npos ? eq : data.find('"', eq + 2);
      if (close == std::string::npos) fail(node, "<?" + pi.target + "?>: expected name=\"value\" pairs, got: " + data);
      pi.attributes[data.substr(at, eq - at)] = data.substr(eq + 2, close - eq - 2);
      at = close + 1;
    }
    return pi;
  }

 private:
  std::string path_;
};

Doc parse(const std::string& path) {
  if (!std::ifstream(path)) throw JunitReadError(path + ": cannot read: " + std::strerror(errno));
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(), &xmlFreeParserCtxt);
  if (!context) throw JunitReadError(path + ": out of memory");
  Doc doc(xmlCtxtReadFile(context.get(), path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
          &xmlFreeDoc);
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(context.get());
    std::string message = e && e->message ? e->message : "not XML";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw JunitReadError(path + ":" + std::to_string(e ? e->line : 0) + ":" + std::to_string(e ? e->int2 : 0) + ": " +
                         message);
  }
  return doc;
}

}  // namespace

JunitFile read_junit(const std::string& path) {
  const Doc doc = parse(path);
  const Reader reader(path);
  JunitFile file;
  for (const xmlNode* node = doc->children; node; node = node->next) {
    if (node->type == XML_PI_NODE) file.instructions.push_back(reader.read_instruction(node));
    if (node->type == XML_ELEMENT_NODE) break;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || name_of(root) != "testsuites")
    throw JunitReadError(path + ": not a JUnit file: the root element is <" + (root ? name_of(root) : "") +
                         ">, not <testsuites>");
  file.name = reader.text_attribute(root, "name");
  for (const xmlNode* child = root->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (name_of(child) != "testsuite") reader.fail(child, "unexpected <" + name_of(child) + "> in <testsuites>");
    file.suites.push_back(reader.read_suite(child));
  }
  return file;
}

}  // namespace bcmhil::scaleout
