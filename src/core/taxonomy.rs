//! The arXiv category taxonomy: codes, names and groups, so codes such as `cs.OS` can be shown
//! with their names ("Operating Systems") and picked from a list.

/// One arXiv category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Category {
    pub code: &'static str,
    pub name: &'static str,
    pub group: &'static str,
}

/// Every category arXiv lists today, then the archives of the 1990s that old-style ids use.
pub const CATEGORIES: &[Category] = &[
    Category {
        code: "cs.AI",
        name: "Artificial Intelligence",
        group: "Computer Science",
    },
    Category {
        code: "cs.AR",
        name: "Hardware Architecture",
        group: "Computer Science",
    },
    Category {
        code: "cs.CC",
        name: "Computational Complexity",
        group: "Computer Science",
    },
    Category {
        code: "cs.CE",
        name: "Computational Engineering, Finance, and Science",
        group: "Computer Science",
    },
    Category {
        code: "cs.CG",
        name: "Computational Geometry",
        group: "Computer Science",
    },
    Category {
        code: "cs.CL",
        name: "Computation and Language",
        group: "Computer Science",
    },
    Category {
        code: "cs.CR",
        name: "Cryptography and Security",
        group: "Computer Science",
    },
    Category {
        code: "cs.CV",
        name: "Computer Vision and Pattern Recognition",
        group: "Computer Science",
    },
    Category {
        code: "cs.CY",
        name: "Computers and Society",
        group: "Computer Science",
    },
    Category {
        code: "cs.DB",
        name: "Databases",
        group: "Computer Science",
    },
    Category {
        code: "cs.DC",
        name: "Distributed, Parallel, and Cluster Computing",
        group: "Computer Science",
    },
    Category {
        code: "cs.DL",
        name: "Digital Libraries",
        group: "Computer Science",
    },
    Category {
        code: "cs.DM",
        name: "Discrete Mathematics",
        group: "Computer Science",
    },
    Category {
        code: "cs.DS",
        name: "Data Structures and Algorithms",
        group: "Computer Science",
    },
    Category {
        code: "cs.ET",
        name: "Emerging Technologies",
        group: "Computer Science",
    },
    Category {
        code: "cs.FL",
        name: "Formal Languages and Automata Theory",
        group: "Computer Science",
    },
    Category {
        code: "cs.GL",
        name: "General Literature",
        group: "Computer Science",
    },
    Category {
        code: "cs.GR",
        name: "Graphics",
        group: "Computer Science",
    },
    Category {
        code: "cs.GT",
        name: "Computer Science and Game Theory",
        group: "Computer Science",
    },
    Category {
        code: "cs.HC",
        name: "Human-Computer Interaction",
        group: "Computer Science",
    },
    Category {
        code: "cs.IR",
        name: "Information Retrieval",
        group: "Computer Science",
    },
    Category {
        code: "cs.IT",
        name: "Information Theory",
        group: "Computer Science",
    },
    Category {
        code: "cs.LG",
        name: "Machine Learning",
        group: "Computer Science",
    },
    Category {
        code: "cs.LO",
        name: "Logic in Computer Science",
        group: "Computer Science",
    },
    Category {
        code: "cs.MA",
        name: "Multiagent Systems",
        group: "Computer Science",
    },
    Category {
        code: "cs.MM",
        name: "Multimedia",
        group: "Computer Science",
    },
    Category {
        code: "cs.MS",
        name: "Mathematical Software",
        group: "Computer Science",
    },
    Category {
        code: "cs.NA",
        name: "Numerical Analysis",
        group: "Computer Science",
    },
    Category {
        code: "cs.NE",
        name: "Neural and Evolutionary Computing",
        group: "Computer Science",
    },
    Category {
        code: "cs.NI",
        name: "Networking and Internet Architecture",
        group: "Computer Science",
    },
    Category {
        code: "cs.OH",
        name: "Other Computer Science",
        group: "Computer Science",
    },
    Category {
        code: "cs.OS",
        name: "Operating Systems",
        group: "Computer Science",
    },
    Category {
        code: "cs.PF",
        name: "Performance",
        group: "Computer Science",
    },
    Category {
        code: "cs.PL",
        name: "Programming Languages",
        group: "Computer Science",
    },
    Category {
        code: "cs.RO",
        name: "Robotics",
        group: "Computer Science",
    },
    Category {
        code: "cs.SC",
        name: "Symbolic Computation",
        group: "Computer Science",
    },
    Category {
        code: "cs.SD",
        name: "Sound",
        group: "Computer Science",
    },
    Category {
        code: "cs.SE",
        name: "Software Engineering",
        group: "Computer Science",
    },
    Category {
        code: "cs.SI",
        name: "Social and Information Networks",
        group: "Computer Science",
    },
    Category {
        code: "cs.SY",
        name: "Systems and Control",
        group: "Computer Science",
    },
    Category {
        code: "econ.EM",
        name: "Econometrics",
        group: "Economics",
    },
    Category {
        code: "econ.GN",
        name: "General Economics",
        group: "Economics",
    },
    Category {
        code: "econ.TH",
        name: "Theoretical Economics",
        group: "Economics",
    },
    Category {
        code: "eess.AS",
        name: "Audio and Speech Processing",
        group: "Electrical Engineering and Systems Science",
    },
    Category {
        code: "eess.IV",
        name: "Image and Video Processing",
        group: "Electrical Engineering and Systems Science",
    },
    Category {
        code: "eess.SP",
        name: "Signal Processing",
        group: "Electrical Engineering and Systems Science",
    },
    Category {
        code: "eess.SY",
        name: "Systems and Control",
        group: "Electrical Engineering and Systems Science",
    },
    Category {
        code: "math.AC",
        name: "Commutative Algebra",
        group: "Mathematics",
    },
    Category {
        code: "math.AG",
        name: "Algebraic Geometry",
        group: "Mathematics",
    },
    Category {
        code: "math.AP",
        name: "Analysis of PDEs",
        group: "Mathematics",
    },
    Category {
        code: "math.AT",
        name: "Algebraic Topology",
        group: "Mathematics",
    },
    Category {
        code: "math.CA",
        name: "Classical Analysis and ODEs",
        group: "Mathematics",
    },
    Category {
        code: "math.CO",
        name: "Combinatorics",
        group: "Mathematics",
    },
    Category {
        code: "math.CT",
        name: "Category Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.CV",
        name: "Complex Variables",
        group: "Mathematics",
    },
    Category {
        code: "math.DG",
        name: "Differential Geometry",
        group: "Mathematics",
    },
    Category {
        code: "math.DS",
        name: "Dynamical Systems",
        group: "Mathematics",
    },
    Category {
        code: "math.FA",
        name: "Functional Analysis",
        group: "Mathematics",
    },
    Category {
        code: "math.GM",
        name: "General Mathematics",
        group: "Mathematics",
    },
    Category {
        code: "math.GN",
        name: "General Topology",
        group: "Mathematics",
    },
    Category {
        code: "math.GR",
        name: "Group Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.GT",
        name: "Geometric Topology",
        group: "Mathematics",
    },
    Category {
        code: "math.HO",
        name: "History and Overview",
        group: "Mathematics",
    },
    Category {
        code: "math.IT",
        name: "Information Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.KT",
        name: "K-Theory and Homology",
        group: "Mathematics",
    },
    Category {
        code: "math.LO",
        name: "Logic",
        group: "Mathematics",
    },
    Category {
        code: "math.MG",
        name: "Metric Geometry",
        group: "Mathematics",
    },
    Category {
        code: "math.MP",
        name: "Mathematical Physics",
        group: "Mathematics",
    },
    Category {
        code: "math.NA",
        name: "Numerical Analysis",
        group: "Mathematics",
    },
    Category {
        code: "math.NT",
        name: "Number Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.OA",
        name: "Operator Algebras",
        group: "Mathematics",
    },
    Category {
        code: "math.OC",
        name: "Optimization and Control",
        group: "Mathematics",
    },
    Category {
        code: "math.PR",
        name: "Probability",
        group: "Mathematics",
    },
    Category {
        code: "math.QA",
        name: "Quantum Algebra",
        group: "Mathematics",
    },
    Category {
        code: "math.RA",
        name: "Rings and Algebras",
        group: "Mathematics",
    },
    Category {
        code: "math.RT",
        name: "Representation Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.SG",
        name: "Symplectic Geometry",
        group: "Mathematics",
    },
    Category {
        code: "math.SP",
        name: "Spectral Theory",
        group: "Mathematics",
    },
    Category {
        code: "math.ST",
        name: "Statistics Theory",
        group: "Mathematics",
    },
    Category {
        code: "astro-ph",
        name: "Astrophysics",
        group: "Physics",
    },
    Category {
        code: "astro-ph.CO",
        name: "Cosmology and Nongalactic Astrophysics",
        group: "Physics",
    },
    Category {
        code: "astro-ph.EP",
        name: "Earth and Planetary Astrophysics",
        group: "Physics",
    },
    Category {
        code: "astro-ph.GA",
        name: "Astrophysics of Galaxies",
        group: "Physics",
    },
    Category {
        code: "astro-ph.HE",
        name: "High Energy Astrophysical Phenomena",
        group: "Physics",
    },
    Category {
        code: "astro-ph.IM",
        name: "Instrumentation and Methods for Astrophysics",
        group: "Physics",
    },
    Category {
        code: "astro-ph.SR",
        name: "Solar and Stellar Astrophysics",
        group: "Physics",
    },
    Category {
        code: "cond-mat",
        name: "Condensed Matter",
        group: "Physics",
    },
    Category {
        code: "cond-mat.dis-nn",
        name: "Disordered Systems and Neural Networks",
        group: "Physics",
    },
    Category {
        code: "cond-mat.mes-hall",
        name: "Mesoscale and Nanoscale Physics",
        group: "Physics",
    },
    Category {
        code: "cond-mat.mtrl-sci",
        name: "Materials Science",
        group: "Physics",
    },
    Category {
        code: "cond-mat.other",
        name: "Other Condensed Matter",
        group: "Physics",
    },
    Category {
        code: "cond-mat.quant-gas",
        name: "Quantum Gases",
        group: "Physics",
    },
    Category {
        code: "cond-mat.soft",
        name: "Soft Condensed Matter",
        group: "Physics",
    },
    Category {
        code: "cond-mat.stat-mech",
        name: "Statistical Mechanics",
        group: "Physics",
    },
    Category {
        code: "cond-mat.str-el",
        name: "Strongly Correlated Electrons",
        group: "Physics",
    },
    Category {
        code: "cond-mat.supr-con",
        name: "Superconductivity",
        group: "Physics",
    },
    Category {
        code: "gr-qc",
        name: "General Relativity and Quantum Cosmology",
        group: "Physics",
    },
    Category {
        code: "hep-ex",
        name: "High Energy Physics - Experiment",
        group: "Physics",
    },
    Category {
        code: "hep-lat",
        name: "High Energy Physics - Lattice",
        group: "Physics",
    },
    Category {
        code: "hep-ph",
        name: "High Energy Physics - Phenomenology",
        group: "Physics",
    },
    Category {
        code: "hep-th",
        name: "High Energy Physics - Theory",
        group: "Physics",
    },
    Category {
        code: "math-ph",
        name: "Mathematical Physics",
        group: "Physics",
    },
    Category {
        code: "nlin",
        name: "Nonlinear Sciences",
        group: "Physics",
    },
    Category {
        code: "nlin.AO",
        name: "Adaptation and Self-Organizing Systems",
        group: "Physics",
    },
    Category {
        code: "nlin.CD",
        name: "Chaotic Dynamics",
        group: "Physics",
    },
    Category {
        code: "nlin.CG",
        name: "Cellular Automata and Lattice Gases",
        group: "Physics",
    },
    Category {
        code: "nlin.PS",
        name: "Pattern Formation and Solitons",
        group: "Physics",
    },
    Category {
        code: "nlin.SI",
        name: "Exactly Solvable and Integrable Systems",
        group: "Physics",
    },
    Category {
        code: "nucl-ex",
        name: "Nuclear Experiment",
        group: "Physics",
    },
    Category {
        code: "nucl-th",
        name: "Nuclear Theory",
        group: "Physics",
    },
    Category {
        code: "physics",
        name: "Physics",
        group: "Physics",
    },
    Category {
        code: "physics.acc-ph",
        name: "Accelerator Physics",
        group: "Physics",
    },
    Category {
        code: "physics.ao-ph",
        name: "Atmospheric and Oceanic Physics",
        group: "Physics",
    },
    Category {
        code: "physics.app-ph",
        name: "Applied Physics",
        group: "Physics",
    },
    Category {
        code: "physics.atm-clus",
        name: "Atomic and Molecular Clusters",
        group: "Physics",
    },
    Category {
        code: "physics.atom-ph",
        name: "Atomic Physics",
        group: "Physics",
    },
    Category {
        code: "physics.bio-ph",
        name: "Biological Physics",
        group: "Physics",
    },
    Category {
        code: "physics.chem-ph",
        name: "Chemical Physics",
        group: "Physics",
    },
    Category {
        code: "physics.class-ph",
        name: "Classical Physics",
        group: "Physics",
    },
    Category {
        code: "physics.comp-ph",
        name: "Computational Physics",
        group: "Physics",
    },
    Category {
        code: "physics.data-an",
        name: "Data Analysis, Statistics and Probability",
        group: "Physics",
    },
    Category {
        code: "physics.ed-ph",
        name: "Physics Education",
        group: "Physics",
    },
    Category {
        code: "physics.flu-dyn",
        name: "Fluid Dynamics",
        group: "Physics",
    },
    Category {
        code: "physics.gen-ph",
        name: "General Physics",
        group: "Physics",
    },
    Category {
        code: "physics.geo-ph",
        name: "Geophysics",
        group: "Physics",
    },
    Category {
        code: "physics.hist-ph",
        name: "History and Philosophy of Physics",
        group: "Physics",
    },
    Category {
        code: "physics.ins-det",
        name: "Instrumentation and Detectors",
        group: "Physics",
    },
    Category {
        code: "physics.med-ph",
        name: "Medical Physics",
        group: "Physics",
    },
    Category {
        code: "physics.optics",
        name: "Optics",
        group: "Physics",
    },
    Category {
        code: "physics.plasm-ph",
        name: "Plasma Physics",
        group: "Physics",
    },
    Category {
        code: "physics.pop-ph",
        name: "Popular Physics",
        group: "Physics",
    },
    Category {
        code: "physics.soc-ph",
        name: "Physics and Society",
        group: "Physics",
    },
    Category {
        code: "physics.space-ph",
        name: "Space Physics",
        group: "Physics",
    },
    Category {
        code: "quant-ph",
        name: "Quantum Physics",
        group: "Physics",
    },
    Category {
        code: "q-bio",
        name: "Quantitative Biology",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.BM",
        name: "Biomolecules",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.CB",
        name: "Cell Behavior",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.GN",
        name: "Genomics",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.MN",
        name: "Molecular Networks",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.NC",
        name: "Neurons and Cognition",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.OT",
        name: "Other Quantitative Biology",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.PE",
        name: "Populations and Evolution",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.QM",
        name: "Quantitative Methods",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.SC",
        name: "Subcellular Processes",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-bio.TO",
        name: "Tissues and Organs",
        group: "Quantitative Biology",
    },
    Category {
        code: "q-fin.CP",
        name: "Computational Finance",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.EC",
        name: "Economics",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.GN",
        name: "General Finance",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.MF",
        name: "Mathematical Finance",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.PM",
        name: "Portfolio Management",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.PR",
        name: "Pricing of Securities",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.RM",
        name: "Risk Management",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.ST",
        name: "Statistical Finance",
        group: "Quantitative Finance",
    },
    Category {
        code: "q-fin.TR",
        name: "Trading and Market Microstructure",
        group: "Quantitative Finance",
    },
    Category {
        code: "stat.AP",
        name: "Applications",
        group: "Statistics",
    },
    Category {
        code: "stat.CO",
        name: "Computation",
        group: "Statistics",
    },
    Category {
        code: "stat.ME",
        name: "Methodology",
        group: "Statistics",
    },
    Category {
        code: "stat.ML",
        name: "Machine Learning",
        group: "Statistics",
    },
    Category {
        code: "stat.OT",
        name: "Other Statistics",
        group: "Statistics",
    },
    Category {
        code: "stat.TH",
        name: "Statistics Theory",
        group: "Statistics",
    },
    Category {
        code: "acc-phys",
        name: "Accelerator Physics",
        group: "Legacy archives",
    },
    Category {
        code: "adap-org",
        name: "Adaptation, Noise, and Self-Organizing Systems",
        group: "Legacy archives",
    },
    Category {
        code: "alg-geom",
        name: "Algebraic Geometry",
        group: "Legacy archives",
    },
    Category {
        code: "ao-sci",
        name: "Atmospheric-Oceanic Sciences",
        group: "Legacy archives",
    },
    Category {
        code: "atom-ph",
        name: "Atomic, Molecular and Optical Physics",
        group: "Legacy archives",
    },
    Category {
        code: "bayes-an",
        name: "Bayesian Analysis",
        group: "Legacy archives",
    },
    Category {
        code: "chao-dyn",
        name: "Chaotic Dynamics",
        group: "Legacy archives",
    },
    Category {
        code: "chem-ph",
        name: "Chemical Physics",
        group: "Legacy archives",
    },
    Category {
        code: "cmp-lg",
        name: "Computation and Language",
        group: "Legacy archives",
    },
    Category {
        code: "comp-gas",
        name: "Cellular Automata and Lattice Gases",
        group: "Legacy archives",
    },
    Category {
        code: "dg-ga",
        name: "Differential Geometry",
        group: "Legacy archives",
    },
    Category {
        code: "funct-an",
        name: "Functional Analysis",
        group: "Legacy archives",
    },
    Category {
        code: "mtrl-th",
        name: "Materials Theory",
        group: "Legacy archives",
    },
    Category {
        code: "patt-sol",
        name: "Pattern Formation and Solitons",
        group: "Legacy archives",
    },
    Category {
        code: "plasm-ph",
        name: "Plasma Physics",
        group: "Legacy archives",
    },
    Category {
        code: "q-alg",
        name: "Quantum Algebra and Topology",
        group: "Legacy archives",
    },
    Category {
        code: "solv-int",
        name: "Exactly Solvable and Integrable Systems",
        group: "Legacy archives",
    },
    Category {
        code: "supr-con",
        name: "Superconductivity",
        group: "Legacy archives",
    },
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
