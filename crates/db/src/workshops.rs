//! Workshops of a program: live sessions with seats, a waiting list and attendance.
//!
//! HR owns a program's workshops (the caller checks program ownership). A participant reaches a
//! workshop only through an active enrolment in its program on a side it is for, checked inside
//! each query (`reach!()`), so "not yours" and "not there" answer the same.
//!
//! Seats follow `domain::training::workshop`: a registration takes a seat while fewer than the
//! capacity hold one, else joins the waiting list; a freed seat goes to whoever waited longest,
//! who is told (notice `workshop_seat`). Every registration change rewrites the workshop's
//! `taken` in its own transaction, so concurrent ones all write one record and the engine commits
//! them one at a time: the last seat is given once.

use chrono::{DateTime, Utc};
use domain::training::workshop::ValidWorkshop;
use surrealdb::types::{RecordId, SurrealValue};

use crate::{
    AccountKey, Database, DbError, DbResult, EmployeeKey, ProgramKey, TrainingModuleKey, WorkshopKey,
    new_key, users,
};

/// Table of workshops.
pub const TABLE: &str = "workshop";

fn account(account: &AccountKey) -> RecordId {
    RecordId::new(users::TABLE, account.as_str())
}

fn workshop(key: &WorkshopKey) -> RecordId {
    RecordId::new(TABLE, key.as_str())
}

fn program(key: &ProgramKey) -> RecordId {
    RecordId::new(crate::programs::TABLE, key.as_str())
}

/// A stored workshop with its seat counts.
#[derive(Debug, Clone, SurrealValue)]
pub struct WorkshopRow {
    /// Record id.
    pub id: RecordId,
    /// Its program.
    pub program: RecordId,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Spanish description (plain text).
    pub description_es: String,
    /// English description (plain text).
    pub description_en: String,
    /// Start instant (UTC).
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// The IANA zone it was planned in.
    pub time_zone: String,
    /// Where.
    pub place: Option<String>,
    /// Video call link.
    pub video_url: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// The module attending it completes.
    pub module: Option<RecordId>,
    /// People holding a seat.
    pub registered: i64,
    /// People on the waiting list.
    pub waiting: i64,
    /// Bumped on every change of time or place (iCalendar `SEQUENCE`).
    pub sequence: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl WorkshopRow {
    /// The record key.
    pub fn key(&self) -> WorkshopKey {
        WorkshopKey::new(crate::key_of(&self.id))
    }
}

/// The projection of a workshop, joined into queries at compile time with `concat!`.
macro_rules! workshop_fields {
    () => {
        "id, program, title_es, title_en, description_es, description_en, starts_at, duration_minutes,
    time_zone, place, video_url, capacity, audience, module, sequence, updated_at,
    count(SELECT id FROM workshop_seat WHERE workshop = $parent.id AND status = 'registered') AS registered,
    count(SELECT id FROM workshop_seat WHERE workshop = $parent.id AND status = 'waiting') AS waiting"
    };
}

/// The seat record of workshop `$w` (a row with `id`) for employee `$e`.
macro_rules! seat_id {
    () => {
        "type::record('workshop_seat', [record::id($w.id), record::id($e)])"
    };
}

/// Whether employee `$e` (an expression) may hold a seat at workshop `$w` (a row with `program`
/// and `audience`): an active enrolment in its program on a side it is for.
macro_rules! eligible {
    ($e:literal) => {
        concat!(
            "count(SELECT id FROM enrolled WHERE in = ",
            $e,
            " AND out = $w.program AND status = 'active'
                 AND ((as_mentor AND $w.audience IN ['mentors', 'both'])
                     OR (as_mentee AND $w.audience IN ['mentees', 'both']))) > 0"
        )
    };
}

/// Gives the free seats of workshop `$w` (a row with `id`, `program`, `audience`, `capacity`,
/// `title_es`, `title_en`) to the eligible people waiting longest (ties: by record id), tells
/// each (notice `workshop_seat`, linking to `/training`), and rewrites `taken`. Expects `$base`.
/// Inside a transaction.
macro_rules! promote {
    () => {
        concat!(
            "LET $registered = count(SELECT id FROM workshop_seat WHERE workshop = $w.id AND status = 'registered');
             LET $free = math::max([0, $w.capacity - $registered]);
             LET $moving = IF $free = 0 { [] } ELSE {
                 (SELECT id, employee, queued_at FROM workshop_seat WHERE workshop = $w.id AND status = 'waiting'
                     AND ",
            eligible!("$parent.employee"),
            "
                     ORDER BY queued_at, id LIMIT $free)
             };
             FOR $s IN $moving {
                 UPDATE $s.id SET status = 'registered';
                 LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $s.employee);
                 LET $kind = 'workshop_seat';
                 LET $params = { workshop: { es: $w.title_es, en: $w.title_en } };
                 LET $link = '/training';
                 ",
            tell_person!(),
            "
             };
             UPDATE $w.id SET taken = $registered + array::len($moving);"
        )
    };
}

/// Why HR's workshop was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Stored, with this key.
    Done(WorkshopKey),
    /// No such workshop.
    NotFound,
    /// The module is not one of the program's.
    UnknownModule,
    /// The capacity is below the seats already taken (how many).
    BelowTaken(i64),
    /// People of a side the new audience leaves out hold seats or are waiting.
    AudienceHasPeople,
}

fn saved(answer: Option<String>, key: WorkshopKey, taken: Option<i64>) -> Saved {
    match answer.as_deref() {
        Some("done") => Saved::Done(key),
        Some("module") => Saved::UnknownModule,
        Some("below") => Saved::BelowTaken(taken.unwrap_or(0)),
        Some("audience") => Saved::AudienceHasPeople,
        _ => Saved::NotFound,
    }
}

fn module_id(module: Option<&TrainingModuleKey>) -> Option<RecordId> {
    module.map(|m| RecordId::new(crate::training::TABLE, m.as_str()))
}

fn binds(w: &ValidWorkshop, starts_at: DateTime<Utc>) -> Vec<(&'static str, surrealdb::types::Value)> {
    vec![
        ("title_es", crate::val(w.title.es.clone())),
        ("title_en", crate::val(w.title.en.clone())),
        ("description_es", crate::val(w.description.es.clone())),
        ("description_en", crate::val(w.description.en.clone())),
        ("starts_at", crate::val(starts_at)),
        ("minutes", crate::val(i64::from(w.when.minutes))),
        ("zone", crate::val(w.when.time_zone.clone())),
        ("place", crate::val(w.when.place.clone())),
        ("video", crate::val(w.when.video_url.clone())),
        ("capacity", crate::val(i64::from(w.capacity))),
        ("audience", crate::val(w.audience.as_str())),
    ]
}

/// The fields HR's form sets, joined into `CREATE` and `UPDATE` at compile time.
macro_rules! workshop_set {
    () => {
        "title_es = $title_es, title_en = $title_en, description_es = $description_es,
         description_en = $description_en, starts_at = $starts_at, duration_minutes = $minutes,
         time_zone = $zone, place = $place, video_url = $video, capacity = $capacity,
         audience = $audience, module = $mod"
    };
}

/// Adds a workshop to the program, starting at `starts_at` (the instant of its local time in
/// its zone). `module` must be one of the program's modules. The caller checks ownership.
pub async fn add(
    db: &Database,
    program_key: &ProgramKey,
    w: &ValidWorkshop,
    starts_at: DateTime<Utc>,
    module: Option<&TrainingModuleKey>,
) -> DbResult<Saved> {
    let key = WorkshopKey::new(new_key());
    let mut b = binds(w, starts_at);
    b.push(("program", crate::val(program(program_key))));
    b.push(("module", crate::val(module_id(module))));
    b.push(("id", crate::val(workshop(&key))));
    let answer: Option<String> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $mod = IF $module = NONE { NONE } ELSE {
                     (SELECT VALUE id FROM ONLY $module WHERE program = $program) };
                 LET $answer = IF $module != NONE AND $mod = NONE { 'module' } ELSE {
                     CREATE $id SET program = $program, ",
                workshop_set!(),
                ";
                     'done'
                 };
                 RETURN $answer;
                 COMMIT TRANSACTION;"
            ),
            &b,
        )
        .await?;
    Ok(saved(answer, key, None))
}

#[derive(Debug, SurrealValue)]
struct UpdateAnswer {
    answer: String,
    taken: i64,
}

/// Changes a workshop. Moving its time or place bumps its `sequence` (calendars update their
/// copy), re-arms the 24-hour reminder and tells everyone registered or waiting (notice
/// `workshop_changed`); a capacity raised gives the new seats to the people waiting (told as
/// when someone cancels); one below the seats taken is refused, and so is an audience that
/// leaves out someone registered or waiting. The caller checks ownership and that it has not
/// started.
pub async fn update(
    db: &Database,
    key: &WorkshopKey,
    w: &ValidWorkshop,
    starts_at: DateTime<Utc>,
    module: Option<&TrainingModuleKey>,
    base_url: &str,
) -> DbResult<Saved> {
    let mut b = binds(w, starts_at);
    b.push(("module", crate::val(module_id(module))));
    b.push(("workshop", crate::val(workshop(key))));
    b.push(("base", crate::val(base_url.to_owned())));
    let answer: Option<UpdateAnswer> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $old = (SELECT id, program, starts_at, duration_minutes, place, video_url FROM ONLY $workshop);
                 LET $taken = count(SELECT id FROM workshop_seat WHERE workshop = $workshop AND status = 'registered');
                 LET $mod = IF $module = NONE OR $old = NONE { NONE } ELSE {
                     (SELECT VALUE id FROM ONLY $module WHERE program = $old.program) };
                 LET $w = (SELECT id, program, $audience AS audience FROM ONLY $workshop);
                 LET $left_out = IF $old = NONE { 0 } ELSE {
                     count(SELECT id FROM workshop_seat WHERE workshop = $workshop
                         AND status IN ['registered', 'waiting'] AND !(",
                eligible!("$parent.employee"),
                "))
                 };
                 LET $answer = IF $old = NONE { 'not_found' }
                     ELSE IF $module != NONE AND $mod = NONE { 'module' }
                     ELSE IF $capacity < $taken { 'below' }
                     ELSE IF $left_out > 0 { 'audience' }
                     ELSE {
                         LET $moved = $old.starts_at != $starts_at OR $old.duration_minutes != $minutes
                             OR $old.place != $place OR $old.video_url != $video;
                         UPDATE $workshop SET ",
                workshop_set!(),
                ", sequence += (IF $moved { 1 } ELSE { 0 });
                         IF $old.starts_at != $starts_at {
                             UPDATE workshop_seat SET reminded_at = NONE WHERE workshop = $workshop;
                         };
                         LET $w = (SELECT id, program, audience, capacity, title_es, title_en FROM ONLY $workshop);
                         IF $moved {
                             LET $people = (SELECT VALUE employee FROM workshop_seat
                                 WHERE workshop = $workshop AND status IN ['registered', 'waiting']);
                             FOR $e IN $people {
                                 LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $e);
                                 LET $kind = 'workshop_changed';
                                 LET $params = { workshop: { es: $w.title_es, en: $w.title_en } };
                                 LET $link = '/training';
                                 ",
                tell_person!(),
                "
                             };
                         };
                         ",
                promote!(),
                "
                         'done'
                     };
                 RETURN { answer: $answer, taken: $taken };
                 COMMIT TRANSACTION;"
            ),
            &b,
        )
        .await?;
    let (answer, taken) = match answer {
        Some(a) => (Some(a.answer), Some(a.taken)),
        None => (None, None),
    };
    Ok(saved(answer, key.clone(), taken))
}

/// What removing a workshop did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Removed; this many registered or waiting people were told.
    Removed(usize),
    /// It has started: it stays, with its attendance.
    Started,
    /// No such workshop.
    NotFound,
}

/// Calls off a workshop that has not started at `now`: everyone registered or waiting is told
/// (notice `workshop_cancelled`), and the workshop and its list go. The caller checks ownership.
pub async fn remove(
    db: &Database,
    key: &WorkshopKey,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<Removal> {
    let answer: Option<i64> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $w = (SELECT id, starts_at, title_es, title_en FROM ONLY $workshop);
                 LET $answer = IF $w = NONE { -1 } ELSE IF $w.starts_at <= $now { -2 } ELSE {
                     LET $people = (SELECT VALUE employee FROM workshop_seat
                         WHERE workshop = $workshop AND status IN ['registered', 'waiting']);
                     FOR $e IN $people {
                         LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $e);
                         LET $kind = 'workshop_cancelled';
                         LET $params = { workshop: { es: $w.title_es, en: $w.title_en } };
                         LET $link = '/training';
                         ",
                tell_person!(),
                "
                     };
                     DELETE workshop_seat WHERE workshop = $workshop;
                     DELETE $workshop;
                     array::len($people)
                 };
                 RETURN $answer;
                 COMMIT TRANSACTION;"
            ),
            &[
                ("workshop", crate::val(workshop(key))),
                ("now", crate::val(now)),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await?;
    Ok(match answer {
        Some(-2) => Removal::Started,
        Some(n) if n >= 0 => Removal::Removed(usize::try_from(n).unwrap_or(0)),
        _ => Removal::NotFound,
    })
}

/// A program's workshops, soonest first; the caller checks ownership.
pub async fn list(db: &Database, program_key: &ProgramKey) -> DbResult<Vec<WorkshopRow>> {
    db.client()
        .query(concat!(
            "SELECT ",
            workshop_fields!(),
            " FROM workshop WHERE program = $program ORDER BY starts_at"
        ))
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// One workshop, for its program's owner (the caller checks).
pub async fn get(db: &Database, key: &WorkshopKey) -> DbResult<Option<WorkshopRow>> {
    db.client()
        .query(concat!("SELECT ", workshop_fields!(), " FROM ONLY $workshop"))
        .bind(("workshop", workshop(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// A workshop as a participant sees it: the workshop, its program's name and where they stand.
#[derive(Debug, Clone)]
pub struct MyWorkshop {
    /// The workshop.
    pub workshop: WorkshopRow,
    /// Its program's name.
    pub program_name: String,
    /// `registered`, `waiting`, `cancelled`, or NONE before they ever registered.
    pub status: Option<String>,
    /// Their place on the waiting list (1 first) while waiting.
    pub position: Option<i64>,
    /// HR's attendance: NONE until taken.
    pub attended: Option<bool>,
}

/// One active enrolment of the person: which program, as whom.
#[derive(Debug, Clone, SurrealValue)]
struct Reach {
    program: RecordId,
    employee: RecordId,
    as_mentor: bool,
    as_mentee: bool,
}

/// A record on a workshop's list.
#[derive(Debug, Clone, SurrealValue)]
struct SeatRow {
    id: RecordId,
    workshop: RecordId,
    employee: RecordId,
    status: String,
    queued_at: DateTime<Utc>,
    attended: Option<bool>,
}

/// A program's id and name.
#[derive(Debug, Clone, SurrealValue)]
struct ProgramName {
    id: RecordId,
    name: String,
}

/// Every workshop of the person's programs for their side (an active enrolment on a side it is
/// for), starting from `since` on, soonest first, with where they stand on each.
pub async fn mine(
    db: &Database,
    account_key: &AccountKey,
    since: DateTime<Utc>,
) -> DbResult<Vec<MyWorkshop>> {
    let mut response = db
        .client()
        .query(concat!(
            reach!(),
            "
             LET $all = (SELECT ",
            workshop_fields!(),
            " FROM workshop WHERE program IN $reach.program AND starts_at >= $since ORDER BY starts_at);
             RETURN $all;
             SELECT id, workshop, employee, status, queued_at, attended FROM workshop_seat
                 WHERE workshop IN $all.id AND (employee IN $me OR status = 'waiting');
             SELECT id, name FROM program WHERE id IN $reach.program;
             RETURN $reach;"
        ))
        .bind(("account", account(account_key)))
        .bind(("since", since))
        .await
        .map_err(DbError::from_surreal)?;
    let all: Vec<WorkshopRow> = response.take(3).map_err(DbError::from_surreal)?;
    let seats: Vec<SeatRow> = response.take(4).map_err(DbError::from_surreal)?;
    let names: Vec<ProgramName> = response.take(5).map_err(DbError::from_surreal)?;
    let reach: Vec<Reach> = response.take(6).map_err(DbError::from_surreal)?;
    let mut out = Vec::new();
    for w in all {
        let audience = crate::stored(
            "workshop audience",
            &w.audience,
            domain::training::Audience::parse,
        )?;
        let Some(r) = reach
            .iter()
            .find(|r| r.program == w.program && domain::training::is_for(audience, r.as_mentor, r.as_mentee))
        else {
            continue;
        };
        let seat = seats
            .iter()
            .find(|s| s.workshop == w.id && s.employee == r.employee);
        let position = seat.filter(|s| s.status == "waiting").map(|s| {
            // The waiting list's order: who joined first, then the record id (as `promote!`).
            let ahead = seats
                .iter()
                .filter(|o| {
                    o.workshop == w.id
                        && o.status == "waiting"
                        && (o.queued_at, crate::key_of(&o.id)) < (s.queued_at, crate::key_of(&s.id))
                })
                .count();
            i64::try_from(ahead).unwrap_or(0) + 1
        });
        let program_name = names
            .iter()
            .find(|n| n.id == w.program)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        out.push(MyWorkshop {
            status: seat.map(|s| s.status.clone()),
            attended: seat.and_then(|s| s.attended),
            position,
            program_name,
            workshop: w,
        });
    }
    Ok(out)
}

/// One of the person's workshops; `None` when it is not theirs (or does not exist).
pub async fn my_workshop(
    db: &Database,
    account_key: &AccountKey,
    key: &WorkshopKey,
) -> DbResult<Option<MyWorkshop>> {
    Ok(mine(db, account_key, DateTime::<Utc>::MIN_UTC)
        .await?
        .into_iter()
        .find(|m| m.workshop.id == workshop(key)))
}

/// What a registration did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// They hold a seat (now or already).
    Registered,
    /// They are on the waiting list (now or already).
    Waiting,
    /// It has started (registration closed), or its program is closed.
    Closed,
    /// Not their workshop, or no such workshop.
    NotFound,
}

fn registration(answer: Option<String>) -> Registration {
    match answer.as_deref() {
        Some("registered") => Registration::Registered,
        Some("waiting") => Registration::Waiting,
        Some("closed") => Registration::Closed,
        _ => Registration::NotFound,
    }
}

/// The person's workshop `$w` and the employee through whom it reaches them (`$e`), or NONE;
/// `$seat` their record on its list. Joined after `reach!()`; expects `$workshop`.
macro_rules! find_seat {
    () => {
        concat!(
            "LET $w = (SELECT id, program, audience, capacity, starts_at, title_es, title_en,
                 program.status AS program_status FROM ONLY $workshop);
             LET $e = IF $w = NONE { NONE } ELSE { ",
            employee_for!("$w"),
            " };
             LET $sid = IF $e = NONE { NONE } ELSE { ",
            seat_id!(),
            " };
             LET $seat = IF $sid = NONE { NONE } ELSE { (SELECT VALUE status FROM ONLY $sid) };"
        )
    };
}

/// Registers the person for the workshop at `now`: a seat while one is free, else the waiting
/// list (`domain::training::workshop::seat_for`), decided in one transaction. Registering again
/// answers where they already stand. Closed from the start on (and in a closed program).
pub async fn register(
    db: &Database,
    account_key: &AccountKey,
    key: &WorkshopKey,
    now: DateTime<Utc>,
) -> DbResult<Registration> {
    let answer: Option<String> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;",
                reach!(),
                find_seat!(),
                "
                 LET $answer = IF $e = NONE { 'not_found' }
                     ELSE IF $w.starts_at <= $now OR $w.program_status = 'closed' { 'closed' }
                     ELSE IF $seat IN ['registered', 'waiting'] { $seat }
                     ELSE {
                         LET $taken = count(SELECT id FROM workshop_seat WHERE workshop = $w.id AND status = 'registered');
                         LET $status = IF $taken < $w.capacity { 'registered' } ELSE { 'waiting' };
                         UPSERT $sid SET workshop = $w.id, employee = $e, status = $status, queued_at = $now,
                             reminded_at = NONE, attended = NONE;
                         UPDATE $w.id SET taken = $taken + (IF $status = 'registered' { 1 } ELSE { 0 });
                         $status
                     };
                 RETURN $answer;
                 COMMIT TRANSACTION;"
            ),
            &[
                ("account", crate::val(account(account_key))),
                ("workshop", crate::val(workshop(key))),
                ("now", crate::val(now)),
            ],
        )
        .await?;
    Ok(registration(answer))
}

/// What a cancellation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancellation {
    /// Their seat or place on the waiting list is given up (a freed seat went to the first
    /// person waiting).
    Cancelled,
    /// They were not registered or waiting.
    NotRegistered,
    /// It has started: the list is fixed.
    Closed,
    /// Not their workshop, or no such workshop.
    NotFound,
}

/// Gives up the person's seat or place on the waiting list at `now`; a freed seat goes to whoever
/// waited longest, who is told, in the same transaction. Attendance already taken for the seat
/// goes with it, and so does a module completion it gave.
pub async fn cancel(
    db: &Database,
    account_key: &AccountKey,
    key: &WorkshopKey,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<Cancellation> {
    let answer: Option<String> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;",
                reach!(),
                find_seat!(),
                "
                 LET $answer = IF $e = NONE { 'not_found' }
                     ELSE IF $w.starts_at <= $now { 'closed' }
                     ELSE IF $seat NOT IN ['registered', 'waiting'] { 'not_registered' }
                     ELSE {
                         UPDATE $sid SET status = 'cancelled', attended = NONE;
                         LET $wm = (SELECT VALUE module FROM ONLY $w.id);
                         IF $wm != NONE {
                             LET $pid = type::record('training_progress', [record::id($wm), record::id($e)]);
                             IF (SELECT VALUE via_workshop FROM ONLY $pid) = $w.id {
                                 UPDATE $pid SET completed_at = NONE, via_workshop = NONE;
                             };
                         };
                         ",
                promote!(),
                "
                         'cancelled'
                     };
                 RETURN $answer;
                 COMMIT TRANSACTION;"
            ),
            &[
                ("account", crate::val(account(account_key))),
                ("workshop", crate::val(workshop(key))),
                ("now", crate::val(now)),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await?;
    Ok(match answer.as_deref() {
        Some("cancelled") => Cancellation::Cancelled,
        Some("not_registered") => Cancellation::NotRegistered,
        Some("closed") => Cancellation::Closed,
        _ => Cancellation::NotFound,
    })
}

/// One person holding a seat, as HR's attendance list shows them.
#[derive(Debug, Clone, SurrealValue)]
pub struct AttendeeRow {
    /// Their employee record.
    pub employee: RecordId,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// NONE until attendance is taken; then present or absent.
    pub attended: Option<bool>,
}

/// The people holding a seat, by name; the caller checks ownership.
pub async fn attendees(db: &Database, key: &WorkshopKey) -> DbResult<Vec<AttendeeRow>> {
    db.client()
        .query(
            "SELECT employee, employee.name AS name, employee.email AS email, attended FROM workshop_seat
                 WHERE workshop = $workshop AND status = 'registered' ORDER BY name COLLATE",
        )
        .bind(("workshop", workshop(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Records HR's attendance: each (employee, present) for someone holding a seat (others are
/// ignored), in one transaction. When the workshop counts as a module, a person marked present
/// has it completed (kept if they had completed it themselves), and one marked absent loses a
/// completion that came from this workshop. Answers how many marks were recorded. The caller
/// checks ownership and that attendance is open.
pub async fn save_attendance(
    db: &Database,
    key: &WorkshopKey,
    marks: &[(EmployeeKey, bool)],
) -> DbResult<usize> {
    let employee = |e: &EmployeeKey| RecordId::new(crate::employees::TABLE, e.as_str());
    let marked: Vec<RecordId> = marks.iter().map(|(e, _)| employee(e)).collect();
    let present: Vec<RecordId> = marks
        .iter()
        .filter(|(_, p)| *p)
        .map(|(e, _)| employee(e))
        .collect();
    let saved: Option<i64> = db
        .write(
            "BEGIN TRANSACTION;
             LET $w = (SELECT id, module FROM ONLY $workshop);
             LET $valid = IF $w = NONE { [] } ELSE {
                 (SELECT VALUE employee FROM workshop_seat
                     WHERE workshop = $w.id AND status = 'registered' AND employee IN $marked)
             };
             FOR $e IN $valid {
                 LET $here = $e IN $present;
                 LET $sid = type::record('workshop_seat', [record::id($w.id), record::id($e)]);
                 UPDATE $sid SET attended = $here;
                 IF $w.module != NONE {
                     LET $pid = type::record('training_progress', [record::id($w.module), record::id($e)]);
                     LET $p = (SELECT completed_at, via_workshop FROM ONLY $pid);
                     IF $here AND $p.completed_at = NONE {
                         UPSERT $pid SET module = $w.module, employee = $e, completed_at = time::now(),
                             via_workshop = $w.id;
                     } ELSE IF !$here AND $p.via_workshop = $w.id {
                         UPDATE $pid SET completed_at = NONE, via_workshop = NONE;
                     };
                 };
             };
             RETURN array::len($valid);
             COMMIT TRANSACTION;",
            &[
                ("workshop", crate::val(workshop(key))),
                ("marked", crate::val(marked)),
                ("present", crate::val(present)),
            ],
        )
        .await?;
    Ok(saved.and_then(|n| usize::try_from(n).ok()).unwrap_or(0))
}

#[derive(Debug, SurrealValue)]
struct Attended {
    attended: Option<bool>,
    minutes: i64,
}

/// Minutes of the program's workshops the employee was marked present at, for completion
/// certificates (`domain::training::workshop::attended_minutes`).
pub async fn attended_minutes(
    db: &Database,
    employee: &EmployeeKey,
    program_key: &ProgramKey,
) -> DbResult<u32> {
    let rows: Vec<Attended> = db
        .client()
        .query(
            "SELECT attended, workshop.duration_minutes AS minutes FROM workshop_seat
                 WHERE employee = $employee AND workshop.program = $program AND status = 'registered'",
        )
        .bind((
            "employee",
            RecordId::new(crate::employees::TABLE, employee.as_str()),
        ))
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(domain::training::workshop::attended_minutes(
        rows.into_iter()
            .map(|r| (r.attended == Some(true), u32::try_from(r.minutes).unwrap_or(0))),
    ))
}

/// The workshops the account holds a seat at, from `since` on, for its calendar feed.
pub async fn for_feed(db: &Database, account_key: &str, since: DateTime<Utc>) -> DbResult<Vec<MyWorkshop>> {
    Ok(mine(db, &AccountKey::new(account_key), since)
        .await?
        .into_iter()
        .filter(|m| m.status.as_deref() == Some("registered"))
        .collect())
}

/// Sends the 24-hour reminder of every seat of a workshop starting in `(now, now + hours]` not
/// reminded yet (notice `workshop_reminder`), claiming each seat in its own transaction so a
/// seat is reminded once. Answers how many people were reminded.
pub async fn remind_due(db: &Database, now: DateTime<Utc>, hours: i64, base_url: &str) -> DbResult<usize> {
    let due: Vec<RecordId> = db
        .write(
            "SELECT VALUE id FROM workshop_seat WHERE status = 'registered' AND reminded_at = NONE
                 AND workshop.starts_at > $now AND workshop.starts_at <= $until",
            &[
                ("now", crate::val(now)),
                ("until", crate::val(now + chrono::Duration::hours(hours))),
            ],
        )
        .await?;
    let mut sent = 0;
    for seat in due {
        let done: Option<bool> = db
            .write(
                concat!(
                    "BEGIN TRANSACTION;
                     LET $claimed = (UPDATE $seat SET reminded_at = $now
                         WHERE reminded_at = NONE AND status = 'registered'
                         RETURN employee, workshop.title_es AS es, workshop.title_en AS en);
                     LET $s = $claimed[0];
                     IF $s != NONE {
                         LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $s.employee);
                         LET $kind = 'workshop_reminder';
                         LET $params = { workshop: { es: $s.es, en: $s.en } };
                         LET $link = '/training';
                         ",
                    tell_person!(),
                    "
                     };
                     RETURN $s != NONE;
                     COMMIT TRANSACTION;"
                ),
                &[
                    ("seat", crate::val(seat)),
                    ("now", crate::val(now)),
                    ("base", crate::val(base_url.to_owned())),
                ],
            )
            .await?;
        if done == Some(true) {
            sent += 1;
        }
    }
    Ok(sent)
}
