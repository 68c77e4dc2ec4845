"""Finding and validating `[tool.cleaner]` / `.cleaner.toml`."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.config import DEFAULT_CONFIG, Config, ConfigError, load_config, read_config_file
from cleaner.rules import RULES_BY_ID, Rule

FULL = """\
[tool.cleaner]
enable = ["bom"]
disable = ["latin-mojibake"]
include = ["*.txt", "articles/**/*.md"]
exclude = ["fixtures/"]
articles = ["*.txt", "*.md"]
boilerplate = "never"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_configuration_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == (DEFAULT_CONFIG, None)


def test_pyproject_is_found_from_a_subfolder(tmp_path: Path) -> None:
    pyproject = write(tmp_path / "pyproject.toml", FULL)
    (tmp_path / "a" / "b").mkdir(parents=True)
    config, found = load_config(tmp_path / "a" / "b")
    assert found == pyproject.resolve()
    assert config.enable == frozenset({"bom"})
    assert config.disable == frozenset({"latin-mojibake"})
    assert config.include == ("*.txt", "articles/**/*.md")
    assert config.exclude == ("fixtures/",)
    assert config.articles == ("*.txt", "*.md")
    assert config.boilerplate == "never"
    assert not config.rule_enabled("latin-mojibake", default=True)


def test_pyproject_without_a_cleaner_table_is_passed_over(tmp_path: Path) -> None:
    dotfile = write(tmp_path / ".cleaner.toml", 'disable = ["bom"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    config, found = load_config(tmp_path / "sub")
    assert found == dotfile.resolve()
    assert config.disable == frozenset({"bom"})


def test_nearest_folder_wins_and_dotfile_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\ndisable = ["bom"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.cleaner]\nboilerplate = "always"\n')
    dotfile = write(tmp_path / "sub" / ".cleaner.toml", 'boilerplate = "never"\n')
    config, found = load_config(tmp_path / "sub")
    assert found == dotfile.resolve()
    assert config.boilerplate == "never"
    assert config.disable == frozenset()  # configurations are not merged


def test_a_file_as_start_looks_in_its_folder(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'exclude = ["*.log"]\n')
    article = write(tmp_path / "a.txt", "text")
    assert load_config(article)[0].exclude == ("*.log",)


def test_read_config_file_reads_pyproject_table_or_top_level(tmp_path: Path) -> None:
    pyproject = write(tmp_path / "pyproject.toml", FULL)
    assert read_config_file(pyproject).boilerplate == "never"
    other = write(tmp_path / "team.toml", 'boilerplate = "always"\n')
    assert read_config_file(other).boilerplate == "always"
    bare = write(tmp_path / "x" / "pyproject.toml", "[project]\n")
    assert read_config_file(bare) == DEFAULT_CONFIG


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        # a typo must not pass silently: the message names the key and the allowed ones
        ('[tool.cleaner]\nexlude = ["x"]\n', r"unknown key 'exlude'.*allowed keys: enable,"),
        # rule ids are checked against the rule table
        ('[tool.cleaner]\ndisable = ["latin"]\n', r"disable: unknown rule id 'latin'.*bom"),
        ('[tool.cleaner]\nenable = "bom"\n', r"enable must be a list of strings"),
        ('[tool.cleaner]\nboilerplate = "sometimes"\n', r"'auto', 'always', 'never'"),
        ("[tool.cleaner]\ninclude = [1]\n", r"include must be a list of strings"),
        ('[tool.cleaner]\nexclude = ["!"]\n', r"exclude: invalid gitignore-style pattern"),
        ("[tool.cleaner]\nenable = [\n", r"invalid TOML"),
        ('[tool.cleaner]\ncleaner = "x"\n', r"unknown key 'cleaner' in \[tool.cleaner\]"),
        ("[tool]\ncleaner = 3\n", r"\[tool.cleaner\] must be a table"),
        # rule options: only known rules, and only the options a rule declares
        ("[tool.cleaner.rules.nope]\nx = 1\n", r"rules.nope: unknown rule id"),
        ("[tool.cleaner.rules.bom]\nkeep = true\n", r"unknown option 'keep'.*has no options"),
        ("[tool.cleaner]\nrules = 3\n", r"rules must be a table"),
        # the output encoding must be a text codec Python knows
        ('[tool.cleaner]\noutput-encoding = "utf-9"\n', r"output-encoding = 'utf-9': is not a"),
        ('[tool.cleaner]\noutput-encoding = "base64"\n', r"'base64': is not a text encoding"),
        ("[tool.cleaner]\noutput-encoding = 8\n", r"output-encoding = 8: must be a string"),
        ('[tool.cleaner]\noutput_encoding = "gbk"\n', r"unknown key 'output_encoding'"),
    ],
)
def test_bad_configuration_names_file_key_and_what_is_allowed(
    tmp_path: Path, toml: str, message: str
) -> None:
    pyproject = write(tmp_path / "pyproject.toml", toml)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(str(pyproject.resolve()))


@pytest.fixture
def rule_with_options(monkeypatch: pytest.MonkeyPatch) -> str:
    """A rule with options of each type, registered for the test only.

    The rules built so far have no options; validation must work for those that will.
    """
    rule = Rule(
        "test-options",
        lambda text, ctx: iter(()),
        "A rule used by the configuration tests.",
        ("", ""),
        options=MappingProxyType(
            {"phrases": ("版权所有",), "max_lines": 8, "ratio": 0.5, "strict": True, "x": None}
        ),
    )
    monkeypatch.setitem(RULES_BY_ID, rule.id, rule)
    return rule.id


def test_rule_options_are_typed_like_their_defaults(tmp_path: Path, rule_with_options: str) -> None:
    write(
        tmp_path / ".cleaner.toml",
        f"[rules.{rule_with_options}]\n"
        'phrases = ["转载请注明", "免责声明"]\nmax_lines = 3\nratio = 1\nstrict = false\n',
    )
    config, _ = load_config(tmp_path)
    options = config.options_for(rule_with_options, RULES_BY_ID[rule_with_options].options)
    assert options == {
        "phrases": ("转载请注明", "免责声明"),  # a TOML array becomes a tuple, like the default
        "max_lines": 3,
        "ratio": 1.0,  # TOML "1" for a float option
        "strict": False,
        "x": None,  # not configured: the default stays
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max_lines = true", r"max_lines must be int, not True"),  # a bool is not an int
        ('max_lines = "8"', r"max_lines must be int"),
        ("strict = 1", r"strict must be bool, not 1"),
        ('phrases = "版权所有"', r"phrases must be a list \(of str\)"),
        ("phrases = [1, 2]", r"phrases must be a list \(of str\)"),
        ("ratio = 'half'", r"ratio must be float"),
    ],
)
def test_rule_option_of_the_wrong_type_is_rejected(
    tmp_path: Path, rule_with_options: str, line: str, message: str
) -> None:
    write(tmp_path / ".cleaner.toml", f"[rules.{rule_with_options}]\n{line}\n")
    with pytest.raises(ConfigError, match=rf"rules\.{rule_with_options}\.{message}"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("utf-8", "utf-8"),  # the default, written out
        ("UTF8", "utf-8"),  # any spelling Python knows, normalised
        ("GB18030", "gb18030"),
        ("cp936", "gbk"),  # an alias
        ("big5", "big5"),
    ],
)
def test_output_encoding_is_normalised(tmp_path: Path, value: str, expected: str) -> None:
    write(tmp_path / ".cleaner.toml", f'output-encoding = "{value}"\n')
    config, _ = load_config(tmp_path)
    assert config.output_encoding == expected


def test_output_encoding_defaults_to_utf8(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'disable = ["bom"]\n')
    assert load_config(tmp_path)[0].output_encoding == "utf-8"


# --- rule options validated by the rules themselves (Rule.validate), once, at load ---------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        # a regular expression that does not compile names the pattern and the error
        (
            "[rules.page-chrome]\npatterns = ['^(unclosed']\n",
            r"rules\.page-chrome\.patterns: '\^\(unclosed' is not a regular expression: missing \)",
        ),
        # phrases and patterns are lists of strings (their default, (), says nothing)
        ("[rules.credits]\nphrases = [1]\n", r"rules\.credits\.phrases: must be a list of strings"),
        ('[rules.credits]\npatterns = "^x$"\n', r"rules\.credits\.patterns must be a list"),
        # numbers within range
        ("[rules.repeated-lines]\nmin_share = 2\n", r"min_share: must be between 0 and 1"),
        ("[rules.repeated-lines]\nregion = -3\n", r"rules\.repeated-lines\.region: must be 0 or"),
        # suffixes of plain-text files start with "."
        ('[rules.html-tags]\nsuffixes = ["txt"]\n', r"rules\.html-tags\.suffixes: .* not 'txt'"),
    ],
)
def test_rule_options_are_validated_when_the_file_loads(
    tmp_path: Path, table: str, message: str
) -> None:
    path = write(tmp_path / ".cleaner.toml", table)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(f"{path.resolve()}: ")


def test_an_invalid_pattern_stops_the_cli_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 9: the bad regex was accepted at load and every file then failed (exit 123).
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".cleaner.toml", "[rules.page-chrome]\npatterns = ['^(unclosed']\n")
    (tmp_path / "a.txt").write_bytes("标题\n打印\n正文。\n".encode())
    result = CliRunner().invoke(main, ["clean", "--check", "a.txt"])
    assert result.exit_code == 2
    assert ".cleaner.toml: rules.page-chrome.patterns: '^(unclosed'" in result.output
    assert (tmp_path / "a.txt").read_bytes() == "标题\n打印\n正文。\n".encode()


def test_library_configs_are_validated_and_normalised() -> None:
    # A Config made in code is checked the same way, and its lists become tuples.
    config = Config(rule_options={"page-chrome": {"patterns": [r"浏览次数:\d+"]}})
    assert config.rule_options["page-chrome"]["patterns"] == (r"浏览次数:\d+",)
    with pytest.raises(ValueError, match=r"rules\.page-chrome\.patterns: '\[' is not"):
        Config(rule_options={"page-chrome": {"patterns": ["["]}})
    with pytest.raises(ValueError, match=r"rules\.nope: unknown rule id"):
        Config(rule_options={"nope": {}})
