"""Authoring tools: validate, the z3 proofs and scenario tests."""
