//! Column headers → fields: the synonyms HR's spreadsheets actually use, in Spanish and English.
//!
//! Headers are compared after [`normalize_header`]: lower case, accents folded, connector words
//! (`de`, `del`, `el`, `of`, `the`…) and everything that is not a letter or digit dropped, so
//! `Email del responsable`, `EMAIL RESPONSABLE` and `email_responsable` are one key. A header
//! with a bracketed hint such as `Fecha de incorporación (dd/mm/aaaa)` is tried as written first
//! and then without the brackets.

use serde::{Deserialize, Serialize};

/// A field of the import a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Work email, the identity of the employee (required).
    Email,
    /// Full name (required unless [`Field::FirstName`] is given).
    Name,
    /// Given name, joined with the surnames when there is no full-name column.
    FirstName,
    /// (First) surname.
    LastName,
    /// Second surname, as Spanish HR systems often keep it in a column of its own.
    SecondLastName,
    /// Department or area.
    Department,
    /// Job level: a whole number 1–20 (higher is more senior), or a job title placed on the
    /// organisation's level ladder (see [`super::LevelReport`]).
    JobLevel,
    /// The manager's work email.
    ManagerEmail,
    /// Date the employee joined the company.
    CompanyStart,
    /// Generation band, free text (e.g. `Gen Z`, `Baby boomer`).
    Generation,
    /// Languages spoken.
    Languages,
    /// IANA time zone, e.g. `Europe/Madrid`.
    TimeZone,
    /// Office or city, free text.
    Location,
    /// Topics the person can teach.
    CanTeach,
    /// Topics the person wants to learn.
    WantsToLearn,
    /// Free-form interests.
    Interests,
    /// How many mentees the person takes as a mentor, 0–10.
    MentorCapacity,
    /// Role in the program: mentor, mentee or both.
    Role,
}

impl Field {
    /// Every field, in the order the UI lists them.
    pub const ALL: [Field; 18] = [
        Field::Email,
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::SecondLastName,
        Field::Department,
        Field::JobLevel,
        Field::ManagerEmail,
        Field::CompanyStart,
        Field::Generation,
        Field::Languages,
        Field::TimeZone,
        Field::Location,
        Field::CanTeach,
        Field::WantsToLearn,
        Field::Interests,
        Field::MentorCapacity,
        Field::Role,
    ];

    /// The stable key (the serde name), e.g. `manager_email`; the UI translates it.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::SecondLastName => "second_last_name",
            Field::Department => "department",
            Field::JobLevel => "job_level",
            Field::ManagerEmail => "manager_email",
            Field::CompanyStart => "company_start",
            Field::Generation => "generation",
            Field::Languages => "languages",
            Field::TimeZone => "time_zone",
            Field::Location => "location",
            Field::CanTeach => "can_teach",
            Field::WantsToLearn => "wants_to_learn",
            Field::Interests => "interests",
            Field::MentorCapacity => "mentor_capacity",
            Field::Role => "role",
        }
    }

    /// Parses a key from [`Field::as_str`]; `None` for anything else.
    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == key)
    }

    /// The field a spreadsheet header names, if any (see the module docs for the matching).
    pub fn from_header(header: &str) -> Option<Field> {
        let lookup = |key: &str| {
            SYNONYMS
                .iter()
                .find(|(_, names)| names.contains(&key))
                .map(|(field, _)| *field)
        };
        let full = normalize_header(header);
        if full.is_empty() {
            return None;
        }
        lookup(&full).or_else(|| lookup(&normalize_header(&strip_brackets(header))))
    }

    /// The normalised header names recognised for this field (see [`normalize_header`]).
    pub fn header_synonyms(self) -> &'static [&'static str] {
        SYNONYMS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or(&[], |(_, names)| names)
    }
}

/// Recognised headers per field, already in [`normalize_header`] form. A key appears in one group only.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Email,
        &[
            "email",
            "mail",
            "correo",
            "correoelectronico",
            "emailaddress",
            "direccioncorreo",
            "direccioncorreoelectronico",
            "emailcorporativo",
            "correocorporativo",
            "workemail",
            "emailempleado",
            "correoempleado",
            "emailtrabajo",
            "correotrabajo",
            "emailprofesional",
            "correoprofesional",
            "businessemail",
            "corporateemail",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "nombre",
            "nombrecompleto",
            "fullname",
            "nombreyapellidos",
            "nombreapellidos",
            "apellidosynombre",
            "apellidosnombre",
            "employee",
            "employeename",
            "empleado",
            "nombreempleado",
            "displayname",
            "completename",
        ],
    ),
    (
        Field::FirstName,
        &["firstname", "givenname", "forename", "nombrepila"],
    ),
    (
        Field::LastName,
        &[
            "lastname",
            "surname",
            "surnames",
            "familyname",
            "apellidos",
            "apellido",
            "primerapellido",
            "apellido1",
        ],
    ),
    (
        Field::SecondLastName,
        &["segundoapellido", "apellido2", "secondsurname", "secondlastname"],
    ),
    (
        Field::Department,
        &[
            "department",
            "departamento",
            "area",
            "dept",
            "depto",
            "departament",
            "unidad",
            "unidadnegocio",
            "businessunit",
            "division",
            "areadepartamento",
        ],
    ),
    (
        Field::JobLevel,
        &[
            "joblevel",
            "level",
            "nivel",
            "niveljerarquico",
            "nivelprofesional",
            "nivelpuesto",
            "nivellaboral",
            "grade",
            "jobgrade",
            "careerlevel",
            "senioritylevel",
            "puesto",
            "puestotrabajo",
            "categoria",
            "categoriaprofesional",
            "cargo",
            "jobtitle",
            "title",
            "businesstitle",
            "position",
            "jobposition",
        ],
    ),
    (
        Field::ManagerEmail,
        &[
            "manageremail",
            "managermail",
            "manager",
            "emailmanager",
            "correomanager",
            "linemanager",
            "linemanageremail",
            "directmanager",
            "responsable",
            "emailresponsable",
            "correoresponsable",
            "correoelectronicoresponsable",
            "responsabledirecto",
            "emailresponsabledirecto",
            "jefe",
            "jefedirecto",
            "emailjefe",
            "correojefe",
            "supervisor",
            "emailsupervisor",
            "supervisoremail",
            "reportsto",
        ],
    ),
    (
        Field::CompanyStart,
        &[
            "companystart",
            "companystartdate",
            "startdate",
            "fechaincorporacion",
            "incorporacion",
            "fechaalta",
            "fechaingreso",
            "fechaantiguedad",
            "hiredate",
            "joindate",
            "joiningdate",
            "datejoined",
            "employmentstart",
            "employmentstartdate",
            "startedon",
        ],
    ),
    (
        Field::Generation,
        &[
            "generation",
            "generacion",
            "generationband",
            "agegroup",
            "ageband",
            "franjaedad",
            "rangoedad",
            "grupoedad",
        ],
    ),
    (
        Field::Languages,
        &[
            "languages",
            "language",
            "idiomas",
            "idioma",
            "lenguas",
            "spokenlanguages",
            "idiomashablados",
        ],
    ),
    (
        Field::TimeZone,
        &["timezone", "zonahoraria", "tz", "husohorario", "ianatimezone"],
    ),
    (
        Field::Location,
        &[
            "location",
            "ubicacion",
            "localizacion",
            "sede",
            "oficina",
            "office",
            "centrotrabajo",
            "ciudad",
            "city",
            "site",
            "workplace",
            "lugartrabajo",
        ],
    ),
    (
        Field::CanTeach,
        &[
            "canteach",
            "puedeensenar",
            "teach",
            "ensenar",
            "temasensenar",
            "temasquepuedeensenar",
            "topicstoteach",
            "canteachtopics",
            "puedeaportar",
            "puedeofrecer",
            "skillstoshare",
            "puedeensenarsobre",
        ],
    ),
    (
        Field::WantsToLearn,
        &[
            "wantstolearn",
            "wanttolearn",
            "quiereaprender",
            "learn",
            "aprender",
            "temasaprender",
            "temasquequiereaprender",
            "topicstolearn",
            "learninggoals",
            "objetivosaprendizaje",
            "quiereaprendersobre",
        ],
    ),
    (
        Field::Interests,
        &[
            "interests",
            "interest",
            "intereses",
            "interes",
            "aficiones",
            "hobbies",
            "areasinteres",
            "temasinteres",
        ],
    ),
    (
        Field::MentorCapacity,
        &[
            "mentorcapacity",
            "capacity",
            "capacidad",
            "capacidadmentor",
            "capacidadmentoria",
            "capacidadcomomentor",
            "maxmentees",
            "maximomentees",
            "numeromentees",
            "plazas",
            "plazasmentor",
        ],
    ),
    (
        Field::Role,
        &[
            "role",
            "rol",
            "rolprograma",
            "programrole",
            "roleprogram",
            "participantrole",
            "rolparticipante",
            "tipoparticipante",
            "participacion",
            "mentormentee",
            "mentoromentee",
        ],
    ),
];

/// Connector words dropped from headers before matching.
const STOPWORDS: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "en", "para", "al", "of", "the", "in", "for",
];

/// Folds one lower-case character to its unaccented letter, or `None` to drop it.
pub(super) fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        c if c.is_alphanumeric() => c,
        _ => return None,
    };
    Some(folded)
}

/// Splits text into lower-case, accent-folded words of letters and digits.
pub(super) fn folded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_char(c) {
            // `ª`/`º` are alphanumeric but only decorate numbers (`nº`); keep them out of words.
            Some(f) if f != 'ª' && f != 'º' => word.push(f),
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The comparison key of a header: lower case, accents folded, connector words and punctuation
/// dropped, e.g. `Fecha de incorporación` → `fechaincorporacion`, `E-mail` → `email`.
pub fn normalize_header(header: &str) -> String {
    let words = folded_words(header);
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !STOPWORDS.contains(w))
        .collect();
    if kept.is_empty() {
        words.concat()
    } else {
        kept.concat()
    }
}

/// The header without `(…)` and `[…]` parts.
fn strip_brackets(header: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Which field each column feeds, as detected from the header or chosen by HR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// Column position, 0-based (spreadsheet column A is 0; see [`super::column_letter`]).
    pub index: i32,
    /// The header as written in the file (trimmed).
    pub header: String,
    /// The field this column feeds; `None` when the column is ignored.
    pub field: Option<Field>,
}

/// Detects the mapping of a header row. Unknown headers are ignored (`field: None`); when two
/// columns name the same field the first one wins and the later one is ignored. When there are
/// surnames but no first-name column, a column headed just `Nombre`/`Name` is read as the first
/// name (`Nombre` + `Apellidos` is the usual Spanish layout).
pub fn detect_mapping(headers: &[String]) -> Vec<ColumnMapping> {
    let mut taken: Vec<Field> = Vec::new();
    let mut columns: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let header = super::value::clean(header).to_string();
            let field = Field::from_header(&header).filter(|f| !taken.contains(f));
            if let Some(f) = field {
                taken.push(f);
            }
            ColumnMapping {
                index: i32::try_from(i).unwrap_or(i32::MAX),
                header,
                field,
            }
        })
        .collect();
    let has = |f: Field| taken.contains(&f);
    if (has(Field::LastName) || has(Field::SecondLastName)) && !has(Field::FirstName) {
        for c in &mut columns {
            if c.field == Some(Field::Name)
                && matches!(normalize_header(&c.header).as_str(), "nombre" | "name")
            {
                c.field = Some(Field::FirstName);
            }
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{}\"", f.as_str()));
            assert!(!f.header_synonyms().is_empty(), "{f:?}");
        }
        assert_eq!(Field::parse("salary"), None);
    }

    #[test]
    fn synonyms_are_normalised_and_unambiguous() {
        let mut seen = std::collections::HashSet::new();
        for (field, names) in SYNONYMS {
            for name in *names {
                assert_eq!(
                    normalize_header(name),
                    *name,
                    "{field:?}: {name} is not normalised"
                );
                assert!(seen.insert(*name), "{name} is in two groups");
                assert_eq!(Field::from_header(name), Some(*field));
            }
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            normalize_header("  Fecha de incorporación "),
            "fechaincorporacion"
        );
        assert_eq!(normalize_header("E-mail"), "email");
        assert_eq!(normalize_header("EMAIL_DEL_RESPONSABLE"), "emailresponsable");
        assert_eq!(normalize_header("Nº empleado"), "nempleado");
        assert_eq!(normalize_header("El"), "el");
        assert_eq!(normalize_header("¿?"), "");
    }

    fn check(field: Field, headers: &[&str]) {
        for h in headers {
            assert_eq!(Field::from_header(h), Some(field), "{h}");
        }
    }

    #[test]
    fn email_headers() {
        check(
            Field::Email,
            &[
                "Email",
                "E-mail",
                "Correo electrónico",
                "CORREO",
                "Dirección de correo",
                "Work email",
            ],
        );
    }

    #[test]
    fn name_headers() {
        check(
            Field::Name,
            &[
                "Nombre",
                "Nombre completo",
                "Nombre y apellidos",
                "Full name",
                "Empleado",
            ],
        );
        check(Field::FirstName, &["First name", "Given name", "first_name"]);
        check(
            Field::LastName,
            &[
                "Apellidos",
                "Last name",
                "Surname",
                "Primer apellido",
                "Apellido 1",
            ],
        );
        check(Field::SecondLastName, &["Segundo apellido", "Apellido 2"]);
    }

    #[test]
    fn department_and_level_headers() {
        check(
            Field::Department,
            &["Departamento", "Área", "Department", "Dept.", "Unidad de negocio"],
        );
        check(
            Field::JobLevel,
            &[
                "Nivel",
                "Job level",
                "Nivel jerárquico",
                "Grade",
                "Nivel (1-20)",
                "Puesto",
                "Categoría",
                "Categoría profesional",
                "Cargo",
                "Job title",
                "Position",
            ],
        );
    }

    #[test]
    fn manager_headers() {
        check(
            Field::ManagerEmail,
            &[
                "Responsable",
                "Email del responsable",
                "Manager email",
                "Manager",
                "Correo del jefe",
                "Jefe directo",
                "Reports to",
                "Email (responsable)",
            ],
        );
    }

    #[test]
    fn date_and_generation_headers() {
        check(
            Field::CompanyStart,
            &[
                "Fecha de incorporación",
                "Start date",
                "Fecha de alta",
                "Fecha de ingreso",
                "Hire date",
                "Fecha de incorporación (dd/mm/aaaa)",
                "Fecha de antigüedad",
            ],
        );
        check(Field::Generation, &["Generación", "Generation", "Franja de edad"]);
    }

    #[test]
    fn language_zone_location_headers() {
        check(
            Field::Languages,
            &["Idiomas", "Languages", "Idioma", "Idiomas (separados por |)"],
        );
        check(
            Field::TimeZone,
            &["Zona horaria", "Time zone", "Timezone", "Huso horario"],
        );
        check(
            Field::Location,
            &["Ubicación", "Location", "Sede", "Oficina", "Centro de trabajo"],
        );
    }

    #[test]
    fn topic_headers() {
        check(
            Field::CanTeach,
            &[
                "Puede enseñar",
                "Can teach",
                "Temas que puede enseñar",
                "Topics to teach",
            ],
        );
        check(
            Field::WantsToLearn,
            &["Quiere aprender", "Wants to learn", "Temas para aprender"],
        );
        check(Field::Interests, &["Intereses", "Interests", "Aficiones"]);
    }

    #[test]
    fn capacity_and_role_headers() {
        check(
            Field::MentorCapacity,
            &[
                "Capacidad",
                "Mentor capacity",
                "Capacidad como mentor",
                "Max mentees",
            ],
        );
        check(
            Field::Role,
            &[
                "Rol en el programa",
                "Role",
                "Rol",
                "Program role",
                "Role in program",
                "Mentor/Mentee",
            ],
        );
    }

    #[test]
    fn unknown_headers() {
        for h in ["Salario", "DNI", "", "   ", "Teléfono", "Nº empleado"] {
            assert_eq!(Field::from_header(h), None, "{h}");
        }
    }

    #[test]
    fn mapping_first_wins_and_unknowns_ignored() {
        let m = detect_mapping(&heads(&[" Correo ", "Email", "Nombre completo", "Salario"]));
        let fields: Vec<_> = m.iter().map(|c| c.field).collect();
        assert_eq!(fields, vec![Some(Field::Email), None, Some(Field::Name), None]);
        assert_eq!(m[0].header, "Correo");
        assert_eq!(m[3].index, 3);
    }

    #[test]
    fn nombre_with_apellidos_is_first_name() {
        let m = detect_mapping(&heads(&["Nombre", "Apellidos", "Email"]));
        assert_eq!(m[0].field, Some(Field::FirstName));
        assert_eq!(m[1].field, Some(Field::LastName));
        let m = detect_mapping(&heads(&["Nombre completo", "Apellidos", "Email"]));
        assert_eq!(m[0].field, Some(Field::Name));
        let m = detect_mapping(&heads(&["Nombre", "Email"]));
        assert_eq!(m[0].field, Some(Field::Name));
    }
}
