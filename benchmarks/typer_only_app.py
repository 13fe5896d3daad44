"""A stricter reference than the floor: the same app with questionary imported in the command.

Its ``--help`` costs what Typer alone costs; the benchmark shows it for context only.
"""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def ask() -> None:
    """Ask one question and print the answer."""
    import questionary

    answer = questionary.text("Hvor gammel er personen?").unsafe_ask()
    print(answer)


if __name__ == "__main__":
    app()
