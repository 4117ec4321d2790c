//! Running child processes with visible progress and errors a person can act on.

use std::fmt;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

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
    let description = describe(command);
    let mut child = command.stdout(Stdio::piped()).spawn().map_err(|err| {
        (
            Counts::default(),
            Failure::new(format!("cannot start `{description}`: {err}")),
        )
    })?;
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(found) = parse_test_result(&line) {
                counts.add(found);
            }
        }
    }
    let status = child.wait().map_err(|err| {
        (
            counts,
            Failure::new(format!("`{description}` did not finish: {err}")),
        )
    })?;
    if status.success() {
        Ok(counts)
    } else {
        Err((
            counts,
            Failure::new(format!("`{description}` failed ({status})")),
        ))
    }
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
}
