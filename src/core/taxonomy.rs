//! The arXiv category taxonomy: codes, names and groups, so codes such as `cs.OS` can be shown
//! with their names ("Operating Systems") and picked from a list.

/// One arXiv category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Category {
    pub code: &'static str,
    pub name: &'static str,
    pub group: &'static str,
}

// The group names, written once.
const CS: &str = "Computer Science";
const ECON: &str = "Economics";
const EESS: &str = "Electrical Engineering and Systems Science";
const MATH: &str = "Mathematics";
const PHYSICS: &str = "Physics";
const Q_BIO: &str = "Quantitative Biology";
const Q_FIN: &str = "Quantitative Finance";
const STAT: &str = "Statistics";
const LEGACY: &str = "Legacy archives";

/// A row of the table: code, name, group.
const fn row(code: &'static str, name: &'static str, group: &'static str) -> Category {
    Category { code, name, group }
}

/// Every category arXiv lists today, then the archives of the 1990s that old-style ids use.
#[rustfmt::skip]
pub const CATEGORIES: &[Category] = &[
    row("cs.AI", "Artificial Intelligence", CS),
    row("cs.AR", "Hardware Architecture", CS),
    row("cs.CC", "Computational Complexity", CS),
    row("cs.CE", "Computational Engineering, Finance, and Science", CS),
    row("cs.CG", "Computational Geometry", CS),
    row("cs.CL", "Computation and Language", CS),
    row("cs.CR", "Cryptography and Security", CS),
    row("cs.CV", "Computer Vision and Pattern Recognition", CS),
    row("cs.CY", "Computers and Society", CS),
    row("cs.DB", "Databases", CS),
    row("cs.DC", "Distributed, Parallel, and Cluster Computing", CS),
    row("cs.DL", "Digital Libraries", CS),
    row("cs.DM", "Discrete Mathematics", CS),
    row("cs.DS", "Data Structures and Algorithms", CS),
    row("cs.ET", "Emerging Technologies", CS),
    row("cs.FL", "Formal Languages and Automata Theory", CS),
    row("cs.GL", "General Literature", CS),
    row("cs.GR", "Graphics", CS),
    row("cs.GT", "Computer Science and Game Theory", CS),
    row("cs.HC", "Human-Computer Interaction", CS),
    row("cs.IR", "Information Retrieval", CS),
    row("cs.IT", "Information Theory", CS),
    row("cs.LG", "Machine Learning", CS),
    row("cs.LO", "Logic in Computer Science", CS),
    row("cs.MA", "Multiagent Systems", CS),
    row("cs.MM", "Multimedia", CS),
    row("cs.MS", "Mathematical Software", CS),
    row("cs.NA", "Numerical Analysis", CS),
    row("cs.NE", "Neural and Evolutionary Computing", CS),
    row("cs.NI", "Networking and Internet Architecture", CS),
    row("cs.OH", "Other Computer Science", CS),
    row("cs.OS", "Operating Systems", CS),
    row("cs.PF", "Performance", CS),
    row("cs.PL", "Programming Languages", CS),
    row("cs.RO", "Robotics", CS),
    row("cs.SC", "Symbolic Computation", CS),
    row("cs.SD", "Sound", CS),
    row("cs.SE", "Software Engineering", CS),
    row("cs.SI", "Social and Information Networks", CS),
    row("cs.SY", "Systems and Control", CS),
    row("econ.EM", "Econometrics", ECON),
    row("econ.GN", "General Economics", ECON),
    row("econ.TH", "Theoretical Economics", ECON),
    row("eess.AS", "Audio and Speech Processing", EESS),
    row("eess.IV", "Image and Video Processing", EESS),
    row("eess.SP", "Signal Processing", EESS),
    row("eess.SY", "Systems and Control", EESS),
    row("math.AC", "Commutative Algebra", MATH),
    row("math.AG", "Algebraic Geometry", MATH),
    row("math.AP", "Analysis of PDEs", MATH),
    row("math.AT", "Algebraic Topology", MATH),
    row("math.CA", "Classical Analysis and ODEs", MATH),
    row("math.CO", "Combinatorics", MATH),
    row("math.CT", "Category Theory", MATH),
    row("math.CV", "Complex Variables", MATH),
    row("math.DG", "Differential Geometry", MATH),
    row("math.DS", "Dynamical Systems", MATH),
    row("math.FA", "Functional Analysis", MATH),
    row("math.GM", "General Mathematics", MATH),
    row("math.GN", "General Topology", MATH),
    row("math.GR", "Group Theory", MATH),
    row("math.GT", "Geometric Topology", MATH),
    row("math.HO", "History and Overview", MATH),
    row("math.IT", "Information Theory", MATH),
    row("math.KT", "K-Theory and Homology", MATH),
    row("math.LO", "Logic", MATH),
    row("math.MG", "Metric Geometry", MATH),
    row("math.MP", "Mathematical Physics", MATH),
    row("math.NA", "Numerical Analysis", MATH),
    row("math.NT", "Number Theory", MATH),
    row("math.OA", "Operator Algebras", MATH),
    row("math.OC", "Optimization and Control", MATH),
    row("math.PR", "Probability", MATH),
    row("math.QA", "Quantum Algebra", MATH),
    row("math.RA", "Rings and Algebras", MATH),
    row("math.RT", "Representation Theory", MATH),
    row("math.SG", "Symplectic Geometry", MATH),
    row("math.SP", "Spectral Theory", MATH),
    row("math.ST", "Statistics Theory", MATH),
    row("astro-ph", "Astrophysics", PHYSICS),
    row("astro-ph.CO", "Cosmology and Nongalactic Astrophysics", PHYSICS),
    row("astro-ph.EP", "Earth and Planetary Astrophysics", PHYSICS),
    row("astro-ph.GA", "Astrophysics of Galaxies", PHYSICS),
    row("astro-ph.HE", "High Energy Astrophysical Phenomena", PHYSICS),
    row("astro-ph.IM", "Instrumentation and Methods for Astrophysics", PHYSICS),
    row("astro-ph.SR", "Solar and Stellar Astrophysics", PHYSICS),
    row("cond-mat", "Condensed Matter", PHYSICS),
    row("cond-mat.dis-nn", "Disordered Systems and Neural Networks", PHYSICS),
    row("cond-mat.mes-hall", "Mesoscale and Nanoscale Physics", PHYSICS),
    row("cond-mat.mtrl-sci", "Materials Science", PHYSICS),
    row("cond-mat.other", "Other Condensed Matter", PHYSICS),
    row("cond-mat.quant-gas", "Quantum Gases", PHYSICS),
    row("cond-mat.soft", "Soft Condensed Matter", PHYSICS),
    row("cond-mat.stat-mech", "Statistical Mechanics", PHYSICS),
    row("cond-mat.str-el", "Strongly Correlated Electrons", PHYSICS),
    row("cond-mat.supr-con", "Superconductivity", PHYSICS),
    row("gr-qc", "General Relativity and Quantum Cosmology", PHYSICS),
    row("hep-ex", "High Energy Physics - Experiment", PHYSICS),
    row("hep-lat", "High Energy Physics - Lattice", PHYSICS),
    row("hep-ph", "High Energy Physics - Phenomenology", PHYSICS),
    row("hep-th", "High Energy Physics - Theory", PHYSICS),
    row("math-ph", "Mathematical Physics", PHYSICS),
    row("nlin", "Nonlinear Sciences", PHYSICS),
    row("nlin.AO", "Adaptation and Self-Organizing Systems", PHYSICS),
    row("nlin.CD", "Chaotic Dynamics", PHYSICS),
    row("nlin.CG", "Cellular Automata and Lattice Gases", PHYSICS),
    row("nlin.PS", "Pattern Formation and Solitons", PHYSICS),
    row("nlin.SI", "Exactly Solvable and Integrable Systems", PHYSICS),
    row("nucl-ex", "Nuclear Experiment", PHYSICS),
    row("nucl-th", "Nuclear Theory", PHYSICS),
    row("physics", "Physics", PHYSICS),
    row("physics.acc-ph", "Accelerator Physics", PHYSICS),
    row("physics.ao-ph", "Atmospheric and Oceanic Physics", PHYSICS),
    row("physics.app-ph", "Applied Physics", PHYSICS),
    row("physics.atm-clus", "Atomic and Molecular Clusters", PHYSICS),
    row("physics.atom-ph", "Atomic Physics", PHYSICS),
    row("physics.bio-ph", "Biological Physics", PHYSICS),
    row("physics.chem-ph", "Chemical Physics", PHYSICS),
    row("physics.class-ph", "Classical Physics", PHYSICS),
    row("physics.comp-ph", "Computational Physics", PHYSICS),
    row("physics.data-an", "Data Analysis, Statistics and Probability", PHYSICS),
    row("physics.ed-ph", "Physics Education", PHYSICS),
    row("physics.flu-dyn", "Fluid Dynamics", PHYSICS),
    row("physics.gen-ph", "General Physics", PHYSICS),
    row("physics.geo-ph", "Geophysics", PHYSICS),
    row("physics.hist-ph", "History and Philosophy of Physics", PHYSICS),
    row("physics.ins-det", "Instrumentation and Detectors", PHYSICS),
    row("physics.med-ph", "Medical Physics", PHYSICS),
    row("physics.optics", "Optics", PHYSICS),
    row("physics.plasm-ph", "Plasma Physics", PHYSICS),
    row("physics.pop-ph", "Popular Physics", PHYSICS),
    row("physics.soc-ph", "Physics and Society", PHYSICS),
    row("physics.space-ph", "Space Physics", PHYSICS),
    row("quant-ph", "Quantum Physics", PHYSICS),
    row("q-bio", "Quantitative Biology", Q_BIO),
    row("q-bio.BM", "Biomolecules", Q_BIO),
    row("q-bio.CB", "Cell Behavior", Q_BIO),
    row("q-bio.GN", "Genomics", Q_BIO),
    row("q-bio.MN", "Molecular Networks", Q_BIO),
    row("q-bio.NC", "Neurons and Cognition", Q_BIO),
    row("q-bio.OT", "Other Quantitative Biology", Q_BIO),
    row("q-bio.PE", "Populations and Evolution", Q_BIO),
    row("q-bio.QM", "Quantitative Methods", Q_BIO),
    row("q-bio.SC", "Subcellular Processes", Q_BIO),
    row("q-bio.TO", "Tissues and Organs", Q_BIO),
    row("q-fin.CP", "Computational Finance", Q_FIN),
    row("q-fin.EC", "Economics", Q_FIN),
    row("q-fin.GN", "General Finance", Q_FIN),
    row("q-fin.MF", "Mathematical Finance", Q_FIN),
    row("q-fin.PM", "Portfolio Management", Q_FIN),
    row("q-fin.PR", "Pricing of Securities", Q_FIN),
    row("q-fin.RM", "Risk Management", Q_FIN),
    row("q-fin.ST", "Statistical Finance", Q_FIN),
    row("q-fin.TR", "Trading and Market Microstructure", Q_FIN),
    row("stat.AP", "Applications", STAT),
    row("stat.CO", "Computation", STAT),
    row("stat.ME", "Methodology", STAT),
    row("stat.ML", "Machine Learning", STAT),
    row("stat.OT", "Other Statistics", STAT),
    row("stat.TH", "Statistics Theory", STAT),
    row("acc-phys", "Accelerator Physics", LEGACY),
    row("adap-org", "Adaptation, Noise, and Self-Organizing Systems", LEGACY),
    row("alg-geom", "Algebraic Geometry", LEGACY),
    row("ao-sci", "Atmospheric-Oceanic Sciences", LEGACY),
    row("atom-ph", "Atomic, Molecular and Optical Physics", LEGACY),
    row("bayes-an", "Bayesian Analysis", LEGACY),
    row("chao-dyn", "Chaotic Dynamics", LEGACY),
    row("chem-ph", "Chemical Physics", LEGACY),
    row("cmp-lg", "Computation and Language", LEGACY),
    row("comp-gas", "Cellular Automata and Lattice Gases", LEGACY),
    row("dg-ga", "Differential Geometry", LEGACY),
    row("funct-an", "Functional Analysis", LEGACY),
    row("mtrl-th", "Materials Theory", LEGACY),
    row("patt-sol", "Pattern Formation and Solitons", LEGACY),
    row("plasm-ph", "Plasma Physics", LEGACY),
    row("q-alg", "Quantum Algebra and Topology", LEGACY),
    row("solv-int", "Exactly Solvable and Integrable Systems", LEGACY),
    row("supr-con", "Superconductivity", LEGACY),
];

/// The name of a category code, e.g. "Operating Systems" for `cs.OS`.
pub fn category_name(code: &str) -> Option<&'static str> {
    CATEGORIES.iter().find(|c| c.code == code).map(|c| c.name)
}

/// "cs.OS — Operating Systems", or the bare code when it is not in the taxonomy.
pub fn category_label(code: &str) -> String {
    match category_name(code) {
        Some(name) => format!("{code} — {name}"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels() {
        assert_eq!(category_name("cs.OS"), Some("Operating Systems"));
        assert_eq!(category_name("quant-ph"), Some("Quantum Physics"));
        assert_eq!(
            category_name("cond-mat.mes-hall"),
            Some("Mesoscale and Nanoscale Physics")
        );
        assert_eq!(category_name("cs.XX"), None);
        assert_eq!(
            category_label("cs.DC"),
            "cs.DC — Distributed, Parallel, and Cluster Computing"
        );
        assert_eq!(category_label("made.up"), "made.up");
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
        let total = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), total, "no code is listed twice");
        assert!(total > 150, "the full taxonomy ({total})");
        for category in CATEGORIES {
            assert!(!category.name.is_empty() && !category.group.is_empty());
            assert!(category
                .code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'));
        }
    }
}
