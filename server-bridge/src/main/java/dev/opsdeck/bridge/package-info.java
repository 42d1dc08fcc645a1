/** The WebSocket bridge: mirrors the engine's event stream to remote clients (the React frontend). */
package dev.opsdeck.bridge;
