import type { Vendor } from "./waihu.js";

/** The base of every error waihu throws (a wrong argument is a `TypeError` instead). */
export declare class WaihuError extends Error {
  /** The stable machine code: the kind's (`validation_failed`, …) or the vendor's own. */
  code: string;
  vendor: Vendor;
}

export declare function isWaihuError(e: unknown): e is WaihuError;
