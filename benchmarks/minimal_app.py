"""The floor: the smallest Typer app whose command asks one questionary question.

Written the way both libraries' documentation shows it (imports at the top), so its
``--help`` pays for Typer and questionary, and its question is up as soon as both are loaded.
"""

import questionary
import typer

app = typer.Typer(add_completion=False)


@app.command()
def ask() -> None:
    """Ask one question and print the answer."""
    answer = questionary.text("Hvor gammel er personen?").unsafe_ask()
    print(answer)


if __name__ == "__main__":
    app()
