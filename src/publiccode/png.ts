// The PNG signature test the reference applies to .png logos (Go's image.DecodeConfig with only PNG registered
// answers "image: unknown format" for anything else).
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const isPngBytes = (head: Uint8Array): boolean => PNG_MAGIC.every((byte, i) => head[i] === byte);
