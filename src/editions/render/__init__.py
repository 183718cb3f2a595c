"""The renderers: one message's inline Markdown, the Markdown edition, the HTML pages."""
