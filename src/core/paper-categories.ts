/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy): which categories a subscriber
 * wants papers from.
 */

const TAXONOMY: readonly (readonly [string, string])[] = [
  ["cs.AI", "Artificial Intelligence"],
  ["cs.AR", "Hardware Architecture"],
  ["cs.CC", "Computational Complexity"],
  ["cs.CE", "Computational Engineering, Finance, and Science"],
  ["cs.CG", "Computational Geometry"],
  ["cs.CL", "Computation and Language"],
  ["cs.CR", "Cryptography and Security"],
  ["cs.CV", "Computer Vision and Pattern Recognition"],
  ["cs.CY", "Computers and Society"],
  ["cs.DB", "Databases"],
  ["cs.DC", "Distributed, Parallel, and Cluster Computing"],
  ["cs.DL", "Digital Libraries"],
  ["cs.DM", "Discrete Mathematics"],
  ["cs.DS", "Data Structures and Algorithms"],
  ["cs.ET", "Emerging Technologies"],
  ["cs.FL", "Formal Languages and Automata Theory"],
  ["cs.GL", "General Literature"],
  ["cs.GR", "Graphics"],
  ["cs.GT", "Computer Science and Game Theory"],
  ["cs.HC", "Human-Computer Interaction"],
  ["cs.IR", "Information Retrieval"],
  ["cs.IT", "Information Theory"],
  ["cs.LG", "Machine Learning"],
  ["cs.LO", "Logic in Computer Science"],
  ["cs.MA", "Multiagent Systems"],
  ["cs.MM", "Multimedia"],
  ["cs.MS", "Mathematical Software"],
  ["cs.NA", "Numerical Analysis"],
  ["cs.NE", "Neural and Evolutionary Computing"],
  ["cs.NI", "Networking and Internet Architecture"],
  ["cs.OH", "Other Computer Science"],
  ["cs.OS", "Operating Systems"],
  ["cs.PF", "Performance"],
  ["cs.PL", "Programming Languages"],
  ["cs.RO", "Robotics"],
  ["cs.SC", "Symbolic Computation"],
  ["cs.SD", "Sound"],
  ["cs.SE", "Software Engineering"],
  ["cs.SI", "Social and Information Networks"],
  ["cs.SY", "Systems and Control"],
  ["econ.EM", "Econometrics"],
  ["econ.GN", "General Economics"],
  ["econ.TH", "Theoretical Economics"],
  ["eess.AS", "Audio and Speech Processing"],
  ["eess.IV", "Image and Video Processing"],
  ["eess.SP", "Signal Processing"],
  ["eess.SY", "Systems and Control"],
  ["math.AC", "Commutative Algebra"],
  ["math.AG", "Algebraic Geometry"],
  ["math.AP", "Analysis of PDEs"],
  ["math.AT", "Algebraic Topology"],
  ["math.CA", "Classical Analysis and ODEs"],
  ["math.CO", "Combinatorics"],
  ["math.CT", "Category Theory"],
  ["math.CV", "Complex Variables"],
  ["math.DG", "Differential Geometry"],
  ["math.DS", "Dynamical Systems"],
  ["math.FA", "Functional Analysis"],
  ["math.GM", "General Mathematics"],
  ["math.GN", "General Topology"],
  ["math.GR", "Group Theory"],
  ["math.GT", "Geometric Topology"],
  ["math.HO", "History and Overview"],
  ["math.IT", "Information Theory"],
  ["math.KT", "K-Theory and Homology"],
  ["math.LO", "Logic"],
  ["math.MG", "Metric Geometry"],
  ["math.MP", "Mathematical Physics"],
  ["math.NA", "Numerical Analysis"],
  ["math.NT", "Number Theory"],
  ["math.OA", "Operator Algebras"],
  ["math.OC", "Optimization and Control"],
  ["math.PR", "Probability"],
  ["math.QA", "Quantum Algebra"],
  ["math.RA", "Rings and Algebras"],
  ["math.RT", "Representation Theory"],
  ["math.SG", "Symplectic Geometry"],
  ["math.SP", "Spectral Theory"],
  ["math.ST", "Statistics Theory"],
  ["astro-ph.CO", "Cosmology and Nongalactic Astrophysics"],
  ["astro-ph.EP", "Earth and Planetary Astrophysics"],
  ["astro-ph.GA", "Astrophysics of Galaxies"],
  ["astro-ph.HE", "High Energy Astrophysical Phenomena"],
  ["astro-ph.IM", "Instrumentation and Methods for Astrophysics"],
  ["astro-ph.SR", "Solar and Stellar Astrophysics"],
  ["cond-mat.dis-nn", "Disordered Systems and Neural Networks"],
  ["cond-mat.mes-hall", "Mesoscale and Nanoscale Physics"],
  ["cond-mat.mtrl-sci", "Materials Science"],
  ["cond-mat.other", "Other Condensed Matter"],
  ["cond-mat.quant-gas", "Quantum Gases"],
  ["cond-mat.soft", "Soft Condensed Matter"],
  ["cond-mat.stat-mech", "Statistical Mechanics"],
  ["cond-mat.str-el", "Strongly Correlated Electrons"],
  ["cond-mat.supr-con", "Superconductivity"],
  ["gr-qc", "General Relativity and Quantum Cosmology"],
  ["hep-ex", "High Energy Physics - Experiment"],
  ["hep-lat", "High Energy Physics - Lattice"],
  ["hep-ph", "High Energy Physics - Phenomenology"],
  ["hep-th", "High Energy Physics - Theory"],
  ["math-ph", "Mathematical Physics"],
  ["nlin.AO", "Adaptation and Self-Organizing Systems"],
  ["nlin.CD", "Chaotic Dynamics"],
  ["nlin.CG", "Cellular Automata and Lattice Gases"],
  ["nlin.PS", "Pattern Formation and Solitons"],
  ["nlin.SI", "Exactly Solvable and Integrable Systems"],
  ["nucl-ex", "Nuclear Experiment"],
  ["nucl-th", "Nuclear Theory"],
  ["physics.acc-ph", "Accelerator Physics"],
  ["physics.ao-ph", "Atmospheric and Oceanic Physics"],
  ["physics.app-ph", "Applied Physics"],
  ["physics.atm-clus", "Atomic and Molecular Clusters"],
  ["physics.atom-ph", "Atomic Physics"],
  ["physics.bio-ph", "Biological Physics"],
  ["physics.chem-ph", "Chemical Physics"],
  ["physics.class-ph", "Classical Physics"],
  ["physics.comp-ph", "Computational Physics"],
  ["physics.data-an", "Data Analysis, Statistics and Probability"],
  ["physics.ed-ph", "Physics Education"],
  ["physics.flu-dyn", "Fluid Dynamics"],
  ["physics.gen-ph", "General Physics"],
  ["physics.geo-ph", "Geophysics"],
  ["physics.hist-ph", "History and Philosophy of Physics"],
  ["physics.ins-det", "Instrumentation and Detectors"],
  ["physics.med-ph", "Medical Physics"],
  ["physics.optics", "Optics"],
  ["physics.plasm-ph", "Plasma Physics"],
  ["physics.pop-ph", "Popular Physics"],
  ["physics.soc-ph", "Physics and Society"],
  ["physics.space-ph", "Space Physics"],
  ["quant-ph", "Quantum Physics"],
  ["q-bio.BM", "Biomolecules"],
  ["q-bio.CB", "Cell Behavior"],
  ["q-bio.GN", "Genomics"],
  ["q-bio.MN", "Molecular Networks"],
  ["q-bio.NC", "Neurons and Cognition"],
  ["q-bio.OT", "Other Quantitative Biology"],
  ["q-bio.PE", "Populations and Evolution"],
  ["q-bio.QM", "Quantitative Methods"],
  ["q-bio.SC", "Subcellular Processes"],
  ["q-bio.TO", "Tissues and Organs"],
  ["q-fin.CP", "Computational Finance"],
  ["q-fin.EC", "Economics"],
  ["q-fin.GN", "General Finance"],
  ["q-fin.MF", "Mathematical Finance"],
  ["q-fin.PM", "Portfolio Management"],
  ["q-fin.PR", "Pricing of Securities"],
  ["q-fin.RM", "Risk Management"],
  ["q-fin.ST", "Statistical Finance"],
  ["q-fin.TR", "Trading and Market Microstructure"],
  ["stat.AP", "Applications"],
  ["stat.CO", "Computation"],
  ["stat.ME", "Methodology"],
  ["stat.ML", "Machine Learning"],
  ["stat.OT", "Other Statistics"],
  ["stat.TH", "Statistics Theory"],
];

/** Every current arXiv category id → its name: "cs.LG" → "Machine Learning". */
export const ARXIV_CATEGORIES: ReadonlyMap<string, string> = new Map(TAXONOMY);

export const MAX_CATEGORIES = 20;
export const CATEGORIES_USAGE =
  "Use /categories <category …> or /categories all, e.g. /categories cs.LG cs.CL";
const EXAMPLE = "e.g. /categories cs.LG cs.CL";
/** Unknown names quoted back in an error, and how much of each: the rest would only be noise. */
const MAX_QUOTED = 5;
const MAX_QUOTED_CHARS = 30;

/** The archive of a category id: "cs" for cs.LG, "hep-th" for hep-th. */
function archiveOf(id: string): string {
  const dot = id.indexOf(".");
  return dot < 0 ? id : id.slice(0, dot);
}

const byLowerCase = new Map([...ARXIV_CATEGORIES.keys()].map((id) => [id.toLowerCase(), id]));
const archives = new Map<string, string[]>();
for (const id of ARXIV_CATEGORIES.keys()) {
  const archive = archiveOf(id);
  archives.set(archive, [...(archives.get(archive) ?? []), id]);
}
const ARCHIVE_LIST = [...archives.keys()].sort().join(", ");

/**
 * Reads the categories a user listed ("cs.LG cs.CL", "cs.lg, CS.CL") as canonical ids, in the order
 * given and each once, or `all`; otherwise an error naming the unknown ones and the valid choices.
 */
export function parseCategories(text: string): { categories: string[] } | { all: true } | { error: string } {
  const words = text
    .replace(/\p{Cc}/gu, " ")
    .split(/[\s,;]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return { error: `Name the arXiv categories you want. ${CATEGORIES_USAGE}` };
  if (words.some((word) => word.toLowerCase() === "all")) {
    if (words.length === 1) return { all: true };
    return { error: `“all” stands alone: it means every category. ${CATEGORIES_USAGE}` };
  }
  const categories = new Set<string>();
  const unknown = new Set<string>();
  for (const word of words) {
    const id = byLowerCase.get(word.toLowerCase());
    if (id === undefined) unknown.add(word);
    else categories.add(id);
  }
  if (unknown.size > 0) return { error: unknownError([...unknown]) };
  if (categories.size > MAX_CATEGORIES) {
    return {
      error: `At most ${MAX_CATEGORIES} categories: you listed ${categories.size}. ${CATEGORIES_USAGE}`,
    };
  }
  return { categories: [...categories] };
}

/**
 * Whether a paper is in any of the wanted categories. A paper without categories (a source that
 * gives none) is in none of them: a category filter only lets through papers known to match it.
 */
export function inCategories(
  paperCategories: readonly string[] | undefined,
  wanted: ReadonlySet<string>,
): boolean {
  if (paperCategories === undefined) return false;
  for (const category of paperCategories) if (wanted.has(category)) return true;
  return false;
}

/** "cs.XY is not an arXiv category. cs has: cs.AI, …; e.g. …", or the archives when the prefix is unknown too. */
function unknownError(unknown: readonly string[]): string {
  const quoted = unknown.slice(0, MAX_QUOTED).map(quote);
  const more = unknown.length > MAX_QUOTED ? ` and ${unknown.length - MAX_QUOTED} more` : "";
  const subject = `${quoted.join(", ")}${more}`;
  const verb = unknown.length === 1 ? "is not an arXiv category" : "are not arXiv categories";
  const knownArchives = new Set<string>();
  let unknownArchive = false;
  for (const word of unknown) {
    const archive = archiveOf(word).toLowerCase(); // archive names are lower-case
    if (archives.has(archive)) knownArchives.add(archive);
    else unknownArchive = true;
  }
  const hints = [...knownArchives].map(
    (archive) => `${archive} has: ${(archives.get(archive) ?? []).join(", ")}`,
  );
  if (unknownArchive) hints.push(`Valid archives: ${ARCHIVE_LIST}`);
  return `${subject} ${verb}. ${hints.join(". ")}; ${EXAMPLE}`;
}

/** A user's word, shortened and stripped of invisible characters, to quote back. */
function quote(word: string): string {
  const visible = word.replace(/[\p{Cc}\p{Cf}]/gu, "");
  const chars = [...visible];
  if (chars.length === 0) return "“”";
  return chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS).join("")}…` : visible;
}
