import axios from 'axios';

/**
 * Whether the Microsoft 365 Agents Playground answers on this port of this machine (its debug
 * ping says "pong"). Used by `npm start` to wait for it, and to refuse a port already taken.
 */
export async function playgroundAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  try {
    const r = await axios.get(`http://127.0.0.1:${port}/_debug/ping`, { timeout: timeoutMs, validateStatus: () => true });
    return r.status === 200 && String(r.data).includes('pong');
  } catch {
    return false;
  }
}
