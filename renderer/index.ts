// The React renderer lives here (desktop-app issue). It reaches the engine only through the
// typed contract in electron/, never by importing engine code.
export {};
