"""The pure core: the model, the condition language, the engine, routing and the interview loop. No
I/O, no terminal library."""
