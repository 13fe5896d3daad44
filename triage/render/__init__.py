"""Result → text, dict or Rich renderable; never prints. Messages, shared words, JSON, Rich, the
journal note, explain and the flowchart."""
