// Built-in skills (skills issue): thin recipes over the engine's public API.
export {};
