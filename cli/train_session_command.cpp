// bcmhil train-session: one student's session child (training/session/README.md). Started by
// `bcmhil train` per student; hidden from the command list, `bcmhil train-session --help` shows it.
#include "command_registry.h"

#include "training/exercise/exercise.h"
#include "training/session/session.h"

#include <csignal>
#include <iostream>
#include <memory>

namespace {

void add_train_session_command(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<bcmhil::training::SessionOptions>();
  auto* cmd = app.add_subcommand(
      "train-session", "One student's training session: the car in real time, JSON lines on stdin/stdout");
  cmd->group("");  // started by bcmhil train, not by people
  cmd->footer(
      "Requests are JSON objects, one a line, on stdin ({\"id\": 1, \"op\": \"hello\"}); answers and state\n"
      "events (every 50 ms while the car changes or an instrument is on) on stdout; diagnostics on stderr.\n"
      "The protocol: training/session/README.md. Exit: 0 at end of input, 2 bad exercise or log,\n"
      "3 stdout closed.");
  cmd->add_option("--exercise", options->exercise, "the exercise file (training/exercises/*.yaml)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--seed", options->seed, "the seed the exercise's fault is drawn from")->required();
  cmd->add_option("--dictionary", options->dictionary,
                  "the fault dictionary (bcmhil dictionary) hints and the score reason over; read at the first hint or submit")
      ->required();
  cmd->add_option("--log", options->log, "the session log (JSON lines, appended)")->required();
  auto* student = cmd->add_option("--student", options->student, "the student's name, for the attempt record");
  auto* class_dir = cmd->add_option("--class-dir", options->class_dir,
                                    "on an ok submit, write the attempt record into DIR/attempts (training/records)");
  student->needs(class_dir);
  class_dir->needs(student);
  cmd->add_flag("--resume", options->resume,
                "pick the attempt up from the log: same car, parts fitted, workshop state, path and time used");
  cmd->callback([options, exit_code] {
    std::signal(SIGPIPE, SIG_IGN);  // a parent gone is a failed write, not a death
    try {
      *exit_code = bcmhil::training::run_session(*options, 0, 1);
    } catch (const bcmhil::training::ExerciseError& e) {
      std::cerr << "bcmhil train-session: " << e.what() << "\n";
      *exit_code = 2;
    } catch (const std::exception& e) {  // a log it cannot resume from, a car that cannot be rebuilt
      std::cerr << "bcmhil train-session: " << e.what() << "\n";
      *exit_code = 2;
    }
  });
}

const bool registered = bcmhil::cli::register_command({"train-session", 95, &add_train_session_command});

}  // namespace
