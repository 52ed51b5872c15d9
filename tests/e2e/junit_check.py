# Reads a JUnit file with junitparser (Debian's python3-junitparser, unmodified) and prints what
# it understood as JSON, for the C++ test to assert on: a reader someone else wrote.
import json
import sys

from junitparser import Error, Failure, JUnitXml

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        results = [{"kind": type(r).__name__, "type": r.type, "message": r.message} for r in case.result]
        cases.append({"name": case.name, "time": case.time, "results": results})
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors,
                   "time": suite.time, "timestamp": suite.timestamp, "hostname": suite.hostname, "cases": cases})
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "time": xml.time,
                  "suites": suites}))
