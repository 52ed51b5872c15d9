#pragma once
// The class's attempts for the instructor (the server's /api/class/attempts.json and .csv): every
// record file of `<class-dir>/attempts`, in file-name order (the submission time leads the name).
// A file that is not a record (malformed JSON, another format, a field missing or of the wrong
// type) is reported with its file name and the reason, and skipped: one bad file never stops the
// export. The CSV is a projection of the JSON: each column is a field of the record (a JSON
// pointer, kCsvColumns) or a join of a list, so the two always agree.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bcmhil::training {

struct SkippedRecord {
  std::string file;   // its name in the attempts directory
  std::string error;  // why it was skipped
};

struct ClassRecords {
  std::vector<std::string> files;               // of the records, in order
  std::vector<nlohmann::ordered_json> attempts;  // the records, as written
  std::vector<SkippedRecord> skipped;
};

struct CsvColumn {
  const char* name;
  const char* pointer;  // into the record; empty: a join computed from a list (path, optimal_path, wrong_parts)
};

// The CSV's columns in order.
const std::vector<CsvColumn>& csv_columns();

// Never throws for a bad record; an attempts directory that does not exist is an empty class.
ClassRecords read_class(const std::string& class_dir);

// {"format": "bcmhil-class-attempts/1", "attempts": [record, ...], "skipped": [{"file", "error"}]}
nlohmann::ordered_json class_json(const ClassRecords& records);
// RFC 4180: a header row, one row per attempt, CRLF line ends, a field quoted when it holds a
// comma, a quote or a line break (quotes doubled). Numbers as the JSON writes them.
std::string class_csv(const ClassRecords& records);

}  // namespace bcmhil::training
