// Types of key-pool-core.mjs.
export declare const POOL_SIZES: Record<number, number>;
export declare const BLOCK: number;
export declare const POOL_DIR: string;
export declare const CLAIMS_ENV: string;
export declare function keyFile(bits: number, i: number): string;
export declare function claimKeys(bits: number, count: number): string[];
