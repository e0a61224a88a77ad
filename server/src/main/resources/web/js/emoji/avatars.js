// emoji/avatars.js — The avatars offered at login, chosen from the data set by rule: animal faces first, then other animals spread across Unicode's animal subgroups.

const GROUP = 'Animals & Nature';
const SUBGROUPS = ['animal-mammal', 'animal-bird', 'animal-amphibian', 'animal-marine'];
/** A plain animal: one code point (no ZWJ, no FE0F), named in one word, or "<word> face". */
const ANIMAL_NAME = /^[a-z]+( face)?$/;

/** Up to `count` emoji characters for avatars (20 and the generated one fill three rows of seven), computed from the loaded data. */
export function avatarChoices(data, count = 20) {
  const group = data.groups.find((g) => g.name === GROUP);
  if (!group) return [];
  const animals = group.subgroups
    .filter((s) => SUBGROUPS.includes(s.name))
    .flatMap((s) => s.emoji)
    .filter((e) => Array.from(e.char).length === 1 && ANIMAL_NAME.test(e.name));
  const faces = animals.filter((e) => e.name.endsWith(' face')).slice(0, count);
  const faceOf = new Set(faces.map((e) => e.name.slice(0, -' face'.length)));
  const others = animals.filter((e) => !e.name.endsWith(' face') && !faceOf.has(e.name));
  const wanted = count - faces.length;
  const spread = [];
  for (let i = 0; i < wanted && others.length; i++) spread.push(others[Math.floor((i * others.length) / wanted)]);
  return [...faces, ...new Set(spread)].map((e) => e.char);
}
