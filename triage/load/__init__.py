"""YAML files → model: safe YAML, the located checker, questionnaires, contacts, answers, scenario
cases and the catalogue of folders."""
