"""JSON Schema validation with messages an editor can act on.

The same schema files serve editors (autocompletion via yaml-language-server) and the build.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from ungsoc.errors import Problem
from ungsoc.yamlsource import YamlDoc, dotted



@lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _expected(schema: dict) -> str:
    return schema.get("description") or json.dumps({k: v for k, v in schema.items() if k != "$ref"})


def _message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    path = tuple(error.absolute_path)
    value, schema = error.instance, error.schema
    if error.validator == "required":
        missing = error.message.split("'")[1]
        described = schema.get("properties", {}).get(missing, {})
        hint = f": expected {described['description']}" if "description" in described else ""
        return path + (missing,), f"missing; this field is required{hint}"
    if error.validator in ("additionalProperties", "propertyNames"):
        allowed = sorted(schema.get("properties", {})) or sorted(
            schema.get("propertyNames", {}).get("enum", []))
        unknown = [k for k in value if k not in allowed]
        key = unknown[0] if unknown else "?"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return path + (key,), f"unknown key{hint}; expected one of: {', '.join(allowed)}"
    if error.validator == "enum":
        if value is False:
            return path, 'false is not allowed; write "no" in quotes (YAML reads a bare no as false)'
        return path, f"{value!r} is not allowed; expected one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        return path, f"expected {error.validator_value}, got {type(value).__name__} {value!r}"
    if error.validator in ("pattern", "format"):
        return path, f"{value!r} is not valid; expected {_expected(schema)}"
    if error.validator in ("minItems", "minLength"):
        return path, "must not be empty"
    return path, error.message


@lru_cache(maxsize=None)
def _validator(schema_file: Path) -> jsonschema.Draft202012Validator:
    # One per schema: it keeps what it resolved ($ref) for every page the build checks.
    return jsonschema.Draft202012Validator(load_schema(schema_file), format_checker=jsonschema.FormatChecker())


def validate(doc: YamlDoc, schema_file: Path) -> list[Problem]:
    validator = _validator(schema_file)
    problems = list(doc.problems)
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        # Report the most specific reason for a failed $ref / anyOf, not the wrapper.
        if error.context:
            error = min(error.context, key=lambda e: len(list(e.absolute_path)) * -1)
        path, message = _message(error)
        problems.append(Problem(doc.file, doc.line(path), dotted(path), message))
    return problems
