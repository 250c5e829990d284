export const API_TYPES_PATH: string;
export function documentHash(document: object): Promise<string>;
export function renderApiTypes(document: object): Promise<string>;
export function staleness(text: string, document: object): Promise<string | null>;
