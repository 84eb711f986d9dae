//! An acknowledged check-in is never lost, and it is on disk when it is acknowledged.
//!
//! The real binary runs on an on-disk database under `strace`, which records every `fsync` and
//! `fdatasync` it makes. First, one check-in at a time: each acknowledged write costs at least one
//! sync of the database files more than a read does (the page cache survives SIGKILL, so "nothing
//! lost after a crash" alone would pass without any sync). Then the server is killed with SIGKILL
//! in the middle of a burst of concurrent check-ins — with requests provably still in flight —
//! started again on the same files, and every check-in it had answered 200 for is still there.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Reply {
    status: u16,
    cookie: Option<String>,
    body: String,
}

/// One HTTP/1.1 request over a fresh connection (`Connection: close`), as a browser's enhanced
/// form sends it. Answers when the request was fully written (`None` when it never was) and the
/// reply (`None` when the server did not answer: it may have been killed).
async fn send(
    addr: SocketAddr,
    path: &str,
    form: &str,
    cookie: Option<&str>,
) -> (Option<Instant>, Option<Reply>) {
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return (None, None);
    };
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nAccept-Language: en\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    if stream.write_all(request.as_bytes()).await.is_err() {
        return (None, None);
    }
    let written = Instant::now();
    let mut raw = Vec::new();
    if stream.read_to_end(&mut raw).await.is_err() {
        return (Some(written), None);
    }
    (Some(written), parse(&raw))
}

fn parse(raw: &[u8]) -> Option<Reply> {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let cookie = head
        .lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .find(|c| c.starts_with(server::routes::SESSION_COOKIE))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    // A chunked body is not expected from server functions; take it as it comes.
    Some(Reply {
        status,
        cookie,
        body: body.to_owned(),
    })
}

async fn post(addr: SocketAddr, path: &str, form: &str, cookie: Option<&str>) -> Option<Reply> {
    send(addr, path, form, cookie).await.1
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn server_args(dir: &Path, addr: SocketAddr) -> Vec<String> {
    vec![
        "--database".into(),
        format!("surrealkv://{}", dir.display()),
        "--listen".into(),
        addr.to_string(),
    ]
}

fn start(dir: &Path, addr: SocketAddr) -> Child {
    Command::new(env!("CARGO_BIN_EXE_inversa"))
        .args(server_args(dir, addr))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(server_stderr(dir))
        .spawn()
        .unwrap()
}

/// Where the servers started on `dir` write their stderr (one file across restarts), read at the
/// end of the test: a server that panicked fails it.
fn stderr_log(dir: &Path) -> PathBuf {
    dir.with_extension("stderr.log")
}

fn server_stderr(dir: &Path) -> Stdio {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(stderr_log(dir))
        .unwrap();
    Stdio::from(file)
}

/// The server running under `strace`, which writes every `fsync`/`fdatasync` of every thread,
/// with the file it synced, to `log` as it happens.
struct Traced {
    strace: Child,
    server_pid: u32,
    log: PathBuf,
    dir: String,
}

impl Traced {
    fn start(dir: &Path, addr: SocketAddr, log: &Path) -> Traced {
        let found = Command::new("strace").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "strace is needed to see the server sync its writes (`./dev setup --test` installs it)"
        );
        let strace = Command::new("strace")
            .args(["-f", "-qq", "-y", "--seccomp-bpf"])
            .args(["-e", "trace=fsync,fdatasync", "-e", "signal=none", "-o"])
            .arg(log)
            .arg(env!("CARGO_BIN_EXE_inversa"))
            .args(server_args(dir, addr))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(server_stderr(dir))
            .spawn()
            .unwrap();
        // The server is strace's one child.
        let children = format!("/proc/{0}/task/{0}/children", strace.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        let server_pid = loop {
            let pid = std::fs::read_to_string(&children)
                .ok()
                .and_then(|s| s.split_whitespace().next().and_then(|p| p.parse::<u32>().ok()))
                .filter(|pid| {
                    std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "inversa")
                });
            if let Some(pid) = pid {
                break pid;
            }
            assert!(Instant::now() < deadline, "strace did not start the server");
            std::thread::sleep(Duration::from_millis(20));
        };
        Traced {
            strace,
            server_pid,
            log: log.to_owned(),
            dir: dir.display().to_string(),
        }
    }

    /// How many syncs of the database's files the server has made so far.
    async fn syncs(&self) -> usize {
        // strace writes each call as it returns; give the last line a moment to land.
        tokio::time::sleep(Duration::from_millis(200)).await;
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| (l.contains(" fsync(") || l.contains(" fdatasync(")) && l.contains(&self.dir))
            .count()
    }

    /// SIGKILL to the server itself: no shutdown, no flush. strace then ends on its own.
    fn kill(mut self) {
        let killed = Command::new("kill")
            .args(["-KILL", &self.server_pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        self.strace.wait().unwrap();
    }
}

async fn wait_ready(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(mut s) = TcpStream::connect(addr).await {
            let req = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let mut out = Vec::new();
            if s.write_all(req.as_bytes()).await.is_ok()
                && s.read_to_end(&mut out).await.is_ok()
                && out.starts_with(b"HTTP/1.1 200")
            {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not start");
}

async fn sign_in(addr: SocketAddr, email: &str) -> String {
    let r = post(
        addr,
        "/api/sign_in",
        &format!("email={email}&password={}", db::demo::DEMO_PASSWORD),
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    r.cookie.unwrap()
}

async fn call(addr: SocketAddr, path: &str, form: &str, cookie: &str) -> serde_json::Value {
    let r = post(addr, path, form, Some(cookie)).await.unwrap();
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn checkin_form(pair: &str, client_id: &str) -> String {
    format!("pair={pair}&rating=4&learned=Burst+{client_id}&taught=&next_step=&client_id={client_id}")
}

/// What became of one check-in the burst sent.
struct Attempt {
    client_id: String,
    /// When its request was fully written, if it was.
    written: Option<Instant>,
    /// Whether it was answered 200.
    acknowledged: bool,
    /// Whether any answer came back.
    answered: bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_checkins_are_synced_and_survive_sigkill() {
    let dir = std::env::temp_dir().join(format!("inversa-durability-{}", db::new_key()));
    let log = std::env::temp_dir().join(format!("inversa-durability-{}.strace", db::new_key()));
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let server = Traced::start(&dir, addr, &log);
    wait_ready(addr).await;

    // The demo program, paired and published.
    let hr = sign_in(addr, "rrhh@inversa.example").await;
    let programs = call(addr, "/api/list_programs", "", &hr).await;
    let program = programs[0]["key"].as_str().unwrap().to_owned();
    call(
        addr,
        "/api/change_program_status",
        &format!("key={program}&to=matching"),
        &hr,
    )
    .await;
    call(addr, "/api/run_matching", &format!("program={program}"), &hr).await;
    call(addr, "/api/publish_pairs", &format!("program={program}"), &hr).await;
    let james = sign_in(addr, "james.wilson@inversa.example").await;
    let pairs = call(addr, "/api/my_pairs", "", &james).await;
    let pair = pairs[0]["key"].as_str().unwrap().to_owned();

    // One at a time, each with the same session: every acknowledged write must have made the
    // engine sync the database files before it was answered. Background work (sessions, the
    // minute job) syncs now and then too, so each write is counted on its own: a server that
    // acknowledged before syncing would leave most of these windows without a sync.
    const ONE_BY_ONE: usize = 20;
    let before_reads = server.syncs().await;
    for _ in 0..ONE_BY_ONE {
        call(addr, "/api/pair_checkins", &format!("pair={pair}"), &james).await;
    }
    let read_syncs = server.syncs().await - before_reads;
    let mut synced_one_by_one = Vec::new();
    let mut unsynced = Vec::new();
    let mut write_syncs = 0;
    for n in 0..ONE_BY_ONE {
        let client_id = format!("single-checkin{n:04}");
        let before = server.syncs().await;
        call(
            addr,
            "/api/submit_checkin",
            &checkin_form(&pair, &client_id),
            &james,
        )
        .await;
        let made = server.syncs().await - before;
        write_syncs += made;
        if made == 0 {
            unsynced.push(client_id.clone());
        }
        synced_one_by_one.push(client_id);
    }
    eprintln!(
        "durability: {ONE_BY_ONE} reads made {read_syncs} syncs, {ONE_BY_ONE} acknowledged check-ins made {write_syncs}"
    );
    assert!(
        unsynced.is_empty(),
        "acknowledged with no sync of the database files between request and answer: {unsynced:?} \
         ({ONE_BY_ONE} reads made {read_syncs} syncs)"
    );

    // A burst: 8 phones sending check-ins as fast as the server answers.
    let attempts = Arc::new(Mutex::new(Vec::<Attempt>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut phones = Vec::new();
    for phone in 0..8 {
        let (attempts, stop, james, pair) = (attempts.clone(), stop.clone(), james.clone(), pair.clone());
        phones.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let client_id = format!("phone{phone}-checkin{n:05}");
                let (written, reply) = send(
                    addr,
                    "/api/submit_checkin",
                    &checkin_form(&pair, &client_id),
                    Some(&james),
                )
                .await;
                let answered = reply.is_some();
                let acknowledged = reply.is_some_and(|r| r.status == 200);
                attempts.lock().unwrap().push(Attempt {
                    client_id,
                    written,
                    acknowledged,
                    answered,
                });
                if !answered {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        }));
    }
    // Kill the server while the burst is in full flight.
    let deadline = Instant::now() + Duration::from_secs(60);
    while attempts.lock().unwrap().iter().filter(|a| a.acknowledged).count() < 150
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let killed_at = Instant::now();
    server.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::SeqCst);
    for p in phones {
        p.await.unwrap();
    }
    let attempts = std::mem::take(&mut *attempts.lock().unwrap());
    let acked: HashSet<String> = attempts
        .iter()
        .filter(|a| a.acknowledged)
        .map(|a| a.client_id.clone())
        .chain(synced_one_by_one)
        .collect();
    // Sent in full before the kill and never answered: the server died with them in hand.
    let in_flight = attempts
        .iter()
        .filter(|a| a.written.is_some_and(|w| w < killed_at) && !a.answered)
        .count();
    assert!(
        acked.len() >= 100 + ONE_BY_ONE,
        "the burst was acknowledged {} times",
        acked.len() - ONE_BY_ONE
    );
    assert!(
        in_flight > 0,
        "no request was in flight when the server was killed: the crash proved nothing"
    );

    // Start again on the same files: every acknowledged check-in is there.
    let mut restarted = start(&dir, addr);
    wait_ready(addr).await;
    let james = sign_in(addr, "james.wilson@inversa.example").await;
    let stored = call(addr, "/api/pair_checkins", &format!("pair={pair}"), &james).await;
    let stored: HashSet<String> = stored
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["client_id"].as_str().map(str::to_owned))
        .collect();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    eprintln!(
        "durability: {} sent in the burst, {} acknowledged in all, {in_flight} in flight at SIGKILL, \
         {} stored after restart, {} lost",
        attempts.iter().filter(|a| a.written.is_some()).count(),
        acked.len(),
        stored.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    restarted.kill().unwrap();
    restarted.wait().unwrap();
    let stderr = std::fs::read_to_string(stderr_log(&dir)).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(stderr_log(&dir));
    assert!(!stderr.contains("panicked at"), "the server panicked:\n{stderr}");
}
