/** A slot only the tests use, to exercise turn state without depending on a feature's own slot. */
declare module '../../src/core/turnState' {
  interface TurnSlots {
    lastQuestion: { text: string; asked: number };
  }
}

export {};
