"""The command line: ``form4-extract INPUT [INPUT ...] [-o OUTPUT] [--format FORMAT] [options]``."""
from __future__ import annotations

import argparse
import sys
import textwrap
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence, TextIO

from .pages import IMAGE_SUFFIXES, PDF_SUFFIXES, InputError
from .pipeline import OCR_MODES, XML_SUFFIXES, extract
from .write import FORMATS, Extracted, OutputError, OutputFormat, Target, Writer, file_identity

PROG = "form4-extract"
INPUT_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | XML_SUFFIXES
EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2
# What a shell reports for a process ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130

DESCRIPTION = """\
Read SEC ownership reports (Forms 3, 4 and 5) into structured records.

INPUT is a PDF, an image (PNG, JPEG, TIFF) or an EDGAR XML file, or a folder searched
recursively for those (in sorted order). A file named twice is read once."""

EPILOG = """\
output:
  Without -o, records go to standard output: for json one object when the command line
  names one file and it holds one report, else one array of all records; sqlite needs -o.
  With -o, json and xml write a folder (created if missing), the others one file. Output
  files appear only when complete, and an input file is never overwritten. In a folder,
  when two inputs share a stem the later one is named <stem>_2, <stem>_3, ...
  Warnings about a record go to standard error as "{prog}: warning: <path>: <warning>".

formats:
{formats}

exit status:
  0  every input was read
  1  some input could not be read, or the output could not be written; each failure is one
     line "{prog}: error: <path>: <reason>" on standard error, and the other inputs are
     still read and written
  2  usage error
  130  interrupted; output files are left as they were"""


@dataclass(frozen=True)
class InputFailure:
    path: Path
    reason: str  # one line


Outcome = Extracted | InputFailure


# ---------------------------------------------------------------------------------------------
# Arguments


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    formats = "\n".join(textwrap.fill(spec.description, width=92, initial_indent=f"  {name:7}",
                                     subsequent_indent=" " * 9) for name, spec in FORMATS.items())
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG.format(formats=formats, prog=PROG))
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="PDF, image or EDGAR XML file, or folder of them")
    parser.add_argument("-o", "--output", type=Path, metavar="OUTPUT",
                        help="folder (json, xml) or file (jsonl, csv, sqlite) to write; see below")
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    parser.add_argument("--jobs", type=positive_int, default=1, metavar="N",
                        help="read N inputs at a time in separate processes; output keeps input order")
    parser.add_argument("--ocr", choices=OCR_MODES, default="auto",
                        help="auto (default): OCR for pages whose text layer is missing, garbled or shows no "
                             "form label; always: OCR every page; never: text layers only")
    chatter = parser.add_mutually_exclusive_group()
    chatter.add_argument("--progress", action="store_true",
                         help="print '[i/n] path: k record(s)' per input on standard error (the "
                              "default when there are several inputs and standard error is a terminal)")
    chatter.add_argument("-q", "--quiet", action="store_true",
                         help="print neither progress nor warnings; errors are always printed")
    return parser


def usage_problem(spec: OutputFormat, format_name: str, output: Optional[Path],
                  inputs: Sequence[Path]) -> Optional[str]:
    """Why the output cannot be used with these inputs, or None."""
    if output is None:
        return None if spec.to_stdout else f"--format {format_name} needs -o OUTPUT"
    if spec.output_is_folder:
        if output.exists() and not output.is_dir():
            return f"-o {output}: with --format {format_name} OUTPUT is a folder, and this is a file"
        if not output.exists() and output.suffix.lower() == f".{format_name}":
            return (f"-o {output}: with --format {format_name} OUTPUT is a folder (one file per "
                    f"input), not a .{format_name} file; leave out -o to print to standard output")
        return None
    if output.is_dir():
        return f"-o {output}: with --format {format_name} OUTPUT is a file, and this is a folder"
    if file_identity(output) in {file_identity(path) for path in inputs}:
        return f"-o {output}: is an input, which is never overwritten"
    return None


# ---------------------------------------------------------------------------------------------
# Inputs


def expand_inputs(arguments: Sequence[Path]) -> tuple[list[Path], list[InputFailure]]:
    """The files to read, in order and each once, and the folders that hold none."""
    files: list[Path] = []
    empty_folders: list[InputFailure] = []
    for argument in arguments:
        found = folder_inputs(argument) if argument.is_dir() else [argument]
        if not found:
            empty_folders.append(InputFailure(argument, "folder holds no PDF, image or XML file"))
        files.extend(found)
    return _first_of_each_file(files), empty_folders


def folder_inputs(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*")
                  if path.suffix.lower() in INPUT_SUFFIXES and path.is_file())


def _first_of_each_file(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def one_line(text: str) -> str:
    return " ".join(text.split())


def read_input(path: Path, ocr: str = "auto", ocr_workers: Optional[int] = None) -> Outcome:
    """Every record of one input, or why there is none. Runs in a worker process with --jobs."""
    try:
        return Extracted(path, [record.to_dict() for record in extract(path, ocr=ocr, workers=ocr_workers)])
    except InputError as exc:
        return InputFailure(path, one_line(str(exc)) or "cannot be read")
    except Exception as exc:  # a bug met by one input must not end the batch; reported with its class
        return InputFailure(path, describe_exception(exc))


def describe_exception(exc: BaseException) -> str:
    message = one_line(str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def read_inputs(paths: Sequence[Path], jobs: int, ocr: str = "auto") -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1 the inputs are read in parallel processes (each
    reading its own scanned pages one at a time), else one input at a time with its scanned
    pages read in parallel."""
    if jobs == 1 or len(paths) < 2:
        yield from (read_input(path, ocr) for path in paths)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)))
    try:
        futures = [pool.submit(read_input, path, ocr, 1) for path in paths]
        for path, future in zip(paths, futures):
            yield _outcome(path, future)
    finally:
        pool.shutdown(cancel_futures=True)


def _outcome(path: Path, future: "Future[Outcome]") -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process died, or its result could not be passed back
        return InputFailure(path, describe_exception(exc))


# ---------------------------------------------------------------------------------------------
# Standard error


@dataclass(frozen=True)
class Console:
    stream: TextIO
    warnings: bool
    progress: bool

    def error(self, path: Path | str, reason: str) -> None:
        self._print(f"{PROG}: error: {path}: {reason}")

    def report(self, index: int, total: int, outcome: Outcome) -> None:
        """Progress and warnings for one input."""
        if self.progress:
            done = f"{len(outcome.records)} record(s)" if isinstance(outcome, Extracted) else "failed"
            self._print(f"[{index}/{total}] {outcome.path}: {done}")
        if self.warnings and isinstance(outcome, Extracted):
            for record in outcome.records:
                for warning in record["extraction"]["warnings"]:
                    self._print(f"{PROG}: warning: {outcome.path}: {one_line(warning)}")

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)


# ---------------------------------------------------------------------------------------------
# Main


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits for --help (0) and for usage errors (2)
        return int(exc.code or 0)
    spec = FORMATS[args.format]
    paths, empty_folders = expand_inputs(args.inputs)
    problem = usage_problem(spec, args.format, args.output, paths)
    if problem:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    console = Console(sys.stderr, warnings=not args.quiet,
                      progress=not args.quiet and (args.progress or (len(paths) > 1 and sys.stderr.isatty())))
    for failure in empty_folders:
        console.error(failure.path, failure.reason)
    target = Target(inputs=paths, single_input=len(args.inputs) == 1 and not args.inputs[0].is_dir(),
                    stdout=sys.stdout)
    try:
        failed = run(spec, target, args.output, args.jobs, console, args.ocr)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return EXIT_INPUT_FAILED if failed or empty_folders else EXIT_OK


def run(spec: OutputFormat, target: Target, output: Optional[Path], jobs: int, console: Console,
        ocr: str = "auto") -> bool:
    """Read every input and write what was read; True when something failed."""
    destination = str(output) if output is not None else "standard output"
    try:
        writer = open_writer(spec, target, output)
    except Exception as exc:
        console.error(destination, f"cannot write: {describe_exception(exc)}")
        return True
    failed = False
    try:
        with writer:
            for index, outcome in enumerate(read_inputs(target.inputs, jobs, ocr), 1):
                console.report(index, len(target.inputs), outcome)
                if not write_outcome(writer, outcome, console):
                    failed = True
    except Exception as exc:  # the output as a whole failed; what it would have held is discarded
        console.error(destination, f"cannot write: {describe_exception(exc)}")
        return True
    return failed


def open_writer(spec: OutputFormat, target: Target, output: Optional[Path]) -> Writer:
    if output is not None:
        return spec.to_output(target, output)
    assert spec.to_stdout is not None, "usage_problem() refuses this format without -o"
    return spec.to_stdout(target)


def write_outcome(writer: Writer, outcome: Outcome, console: Console) -> bool:
    """Hand one input's records to the writer; False (with the error printed) when that failed.

    An OSError is the output failing, not this input, so it ends the batch.
    """
    if isinstance(outcome, InputFailure):
        console.error(outcome.path, outcome.reason)
        return False
    try:
        writer.add(outcome)
    except OSError:
        raise
    except OutputError as exc:
        console.error(outcome.path, str(exc))
        return False
    except Exception as exc:
        console.error(outcome.path, f"cannot write: {describe_exception(exc)}")
        return False
    return True
