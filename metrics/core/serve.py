"""``valuelens dashboard``: serve every page, from a checkout or from the installed package,
optionally opened on a team's own file.

    valuelens dashboard --data scored.parquet --port 8502 --server.maxUploadSize 200

Streamlit's own options (``--server.*``, ``--theme.*`` ...) pass through; the dashboard's
``.streamlit/config.toml`` is handed over as options too, so the server behaves the same
from any folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from metrics.core.opened import OPENED_VARIABLE, ROLES, check_opened

DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The dashboard's options; any Streamlit option (``--server.*`` ...) is passed on.

    Parameters
    ----------
    parser : ArgumentParser
        The ``dashboard`` sub-command's parser.
    """
    parser.add_argument(
        "--data",
        help="open the pages that take a scored file on this one: CSV, gzip CSV or Parquet, "
        "a folder or a glob of Parquet files (read where it lies)",
    )
    parser.add_argument(
        "--reference", help="the monitoring page's reference period (every row labelled)"
    )
    parser.add_argument("--analysis", help="the monitoring page's analysis period")
    for role in ROLES:
        parser.add_argument(
            f"--{role}-column",
            help=f"the {role} column of --data (guessed from names and values when not given)",
        )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to serve on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--address",
        default=DEFAULT_ADDRESS,
        help=f"address to listen on (default {DEFAULT_ADDRESS}: this machine only)",
    )
    parser.set_defaults(run=run, passes_options=True)


def app_folder() -> Path:
    """Where app.py, pages/ and ui/ are: inside the installed package (metrics/app), or the
    checkout's top folder when run from a clone.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        When neither holds app.py (a broken install).
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "app", package.parent):
        if (folder / "app.py").is_file() and (folder / "pages").is_dir():
            return folder
    raise ValueError(
        f"the dashboard's files are not in {package / 'app'}; reinstall ValueLens "
        "(pip install --force-reinstall valuelens)"
    )


def config_options(folder: Path) -> list[str]:
    """The dashboard's ``.streamlit/config.toml`` as Streamlit command-line options.

    Parameters
    ----------
    folder : Path
        The folder holding ``.streamlit/config.toml``.

    Returns
    -------
    list of str
        ``["--server.headless=true", ...]``.
    """
    path = folder / ".streamlit" / "config.toml"
    if not path.is_file():
        return []
    options = []
    for section, values in tomllib.loads(path.read_text()).items():
        for key, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            options.append(f"--{section}.{key}={text}")
    return options


def command(args: argparse.Namespace, folder: Path) -> list[str]:
    """The ``streamlit run`` command line: the config first, then the user's options, which
    win (Streamlit takes the last of an option given twice).

    Parameters
    ----------
    args : Namespace
        ``port``, ``address`` and ``passed_options`` (Streamlit's own options, as given).
    folder : Path
        Where app.py is (``app_folder``).

    Returns
    -------
    list of str
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(folder / "app.py"),
        *config_options(folder),
        f"--server.port={args.port}",
        f"--server.address={args.address}",
        *getattr(args, "passed_options", []),
    ]


def run(args: argparse.Namespace) -> dict:
    """Check the files, then serve until stopped (Ctrl+C); exits with the server's code.

    Parameters
    ----------
    args : Namespace
        The parsed options (``add_arguments``).

    Returns
    -------
    dict
        Never: it exits with the server's code (SystemExit).

    Raises
    ------
    ValueError
        A bad file or option, in one line, before the server starts.
    """
    columns = {role: getattr(args, f"{role}_column") for role in ROLES}
    chosen = check_opened(args.data, args.reference, args.analysis, columns)
    folder = app_folder()
    env = dict(os.environ)
    env[OPENED_VARIABLE] = chosen.to_env()
    url = f"http://{args.address}:{args.port}"
    print(f"ValueLens on {url} (Ctrl+C stops it)", file=sys.stderr, flush=True)
    try:
        code = subprocess.call(command(args, folder), env=env, cwd=folder)
    except KeyboardInterrupt:
        code = 0
    raise SystemExit(code)
