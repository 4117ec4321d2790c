//! Running child processes with visible progress and errors a person can act on.

use std::fmt;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

/// Why a task stopped.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Prints a progress line that stands out from tool output.
pub fn step(message: &str) {
    eprintln!("\n==> {message}");
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs the command with inherited output; a non-zero exit is a failure.
pub fn run(command: &mut Command) -> Result<(), Failure> {
    let status = command
        .status()
        .map_err(|err| Failure::new(format!("cannot start `{}`: {err}", describe(command))))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "`{}` failed ({status})",
            describe(command)
        )))
    }
}

/// Runs the command quietly and returns its standard output.
pub fn capture(command: &mut Command) -> Result<String, Failure> {
    let output = command
        .stderr(Stdio::null())
        .output()
        .map_err(|err| Failure::new(format!("cannot start `{}`: {err}", describe(command))))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(Failure::new(format!(
            "`{}` failed ({})",
            describe(command),
            output.status
        )))
    }
}

/// Test counts read from a test runner's `test result:` lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Reads `test result: ok. 7 passed; 0 failed; …` as printed by libtest and by
/// wasm-bindgen-test-runner.
pub fn parse_test_result(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result:")?;
    let mut counts = Counts::default();
    for part in rest.split([';', '.']) {
        let mut words = part.split_whitespace();
        let (Some(number), Some(label)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "passed" => counts.passed = number,
            "failed" => counts.failed = number,
            _ => {}
        }
    }
    Some(counts)
}

/// Runs a test command, echoing its output, and sums the counts it reports. The command's
/// own exit status decides success: a build error reports no counts but still fails.
pub fn run_tests(command: &mut Command) -> Result<Counts, (Counts, Failure)> {
    run_tests_within(command, None).result
}

/// What one run of a test command left: its outcome, the tests that failed (by test binary),
/// and whether any output contained `marker`.
pub struct TestRun {
    pub result: Result<Counts, (Counts, Failure)>,
    pub failed: Vec<FailedTest>,
    pub output_lines: Vec<String>,
}

/// A failed test: the integration test binary it is in (`reading` for `tests/reading.rs`)
/// and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedTest {
    pub binary: String,
    pub name: String,
}

/// As [`run_tests`], and stops the command (with every process it started) once it has run
/// for `limit`: a test that hangs fails the run instead of holding it forever.
pub fn run_tests_within(command: &mut Command, limit: Option<Duration>) -> TestRun {
    let description = describe(command);
    command.process_group(0);
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(err) => {
            return TestRun {
                result: Err((
                    Counts::default(),
                    Failure::new(format!("cannot start `{description}`: {err}")),
                )),
                failed: Vec::new(),
                output_lines: Vec::new(),
            }
        }
    };
    let (finished, watchdog) = mpsc::channel::<()>();
    let timed_out = Arc::new(AtomicBool::new(false));
    if let Some(limit) = limit {
        let group = child.id();
        let timed_out = timed_out.clone();
        thread::spawn(move || {
            if watchdog.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
                timed_out.store(true, Ordering::SeqCst);
                let _ = Command::new("kill")
                    .args(["-s", "KILL", "--", &format!("-{group}")])
                    .status();
            }
        });
    }
    let mut counts = Counts::default();
    let mut failed = Vec::new();
    let mut output_lines = Vec::new();
    let mut binary = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(found) = parse_test_result(&line) {
                counts.add(found);
            }
            if let Some(name) = running_binary(&line) {
                binary = name;
            }
            if let Some(name) = failed_test(&line) {
                failed.push(FailedTest {
                    binary: binary.clone(),
                    name,
                });
            }
            output_lines.push(line);
        }
    }
    let status = child.wait();
    let _ = finished.send(());
    let result = match status {
        Err(err) => Err((
            counts,
            Failure::new(format!("`{description}` did not finish: {err}")),
        )),
        Ok(_) if timed_out.load(Ordering::SeqCst) => Err((
            Counts {
                failed: counts.failed.max(1),
                ..counts
            },
            Failure::new(format!(
                "`{description}` was stopped after {:?}: a test hung",
                limit.unwrap_or_default()
            )),
        )),
        Ok(status) if status.success() => Ok(counts),
        Ok(status) => Err((
            counts,
            Failure::new(format!("`{description}` failed ({status})")),
        )),
    };
    TestRun {
        result,
        failed,
        output_lines,
    }
}

/// `Running tests/reading.rs (target/…)` names the test binary `reading`.
fn running_binary(line: &str) -> Option<String> {
    let path = line.trim().strip_prefix("Running tests/")?;
    let file = path.split_whitespace().next()?;
    Some(file.strip_suffix(".rs")?.to_string())
}

/// `test some_name ... FAILED` names a failed test.
fn failed_test(line: &str) -> Option<String> {
    let rest = line.strip_prefix("test ")?.strip_suffix(" ... FAILED")?;
    Some(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_test_result_lines() {
        let cases = [
            (
                "test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s",
                Some(Counts { passed: 7, failed: 0 }),
            ),
            (
                "test result: FAILED. 8 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
                Some(Counts { passed: 8, failed: 1 }),
            ),
            ("test result: ok. 0 passed; 0 failed; 0 ignored", Some(Counts::default())),
            ("running 7 tests", None),
            ("test parse ... ok", None),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_test_result(line), expected, "{line}");
        }
    }

    #[test]
    fn failed_tests_are_named_with_their_binary() {
        assert_eq!(
            running_binary("     Running tests/reading.rs (target/debug/deps/reading-b39b)"),
            Some("reading".to_string())
        );
        assert_eq!(
            running_binary("     Running unittests src/lib.rs (x)"),
            None
        );
        assert_eq!(
            failed_test("test tab_reaches_the_papers ... FAILED"),
            Some("tab_reaches_the_papers".to_string())
        );
        assert_eq!(failed_test("test tab_reaches_the_papers ... ok"), None);
    }

    #[test]
    fn a_hanging_command_is_stopped_at_its_limit() {
        let started = std::time::Instant::now();
        let run = run_tests_within(
            Command::new("sh").args(["-c", "echo 'test result: ok. 1 passed; 0 failed'; sleep 30"]),
            Some(Duration::from_millis(300)),
        );
        assert!(started.elapsed() < Duration::from_secs(10));
        let (counts, failure) = run.result.expect_err("stopped");
        assert_eq!(
            counts,
            Counts {
                passed: 1,
                failed: 1
            }
        );
        assert!(failure.to_string().contains("a test hung"), "{failure}");
    }
}
