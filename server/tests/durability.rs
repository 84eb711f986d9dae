//! An acknowledged check-in is never lost: the real binary on an on-disk database is killed with
//! SIGKILL in the middle of a burst of concurrent check-ins, started again on the same files, and
//! every check-in it had answered 200 for is still there.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
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
/// form sends it. `None` when the server does not answer (it may have been killed).
async fn post(addr: SocketAddr, path: &str, form: &str, cookie: Option<&str>) -> Option<Reply> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nAccept-Language: en\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(dir: &std::path::Path, addr: SocketAddr) -> Child {
    Command::new(env!("CARGO_BIN_EXE_inversa"))
        .args([
            "--database",
            &format!("surrealkv://{}", dir.display()),
            "--listen",
            &addr.to_string(),
        ])
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_checkins_survive_sigkill() {
    let dir = std::env::temp_dir().join(format!("inversa-durability-{}", db::new_key()));
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let mut server = start(&dir, addr);
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

    // A burst: 8 phones sending check-ins as fast as the server answers.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut phones = Vec::new();
    for phone in 0..8 {
        let (acknowledged, sent, stop, james, pair) = (
            acknowledged.clone(),
            sent.clone(),
            stop.clone(),
            james.clone(),
            pair.clone(),
        );
        phones.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let client_id = format!("phone{phone}-checkin{n:05}");
                let form = format!(
                    "pair={pair}&rating=4&learned=Burst+{client_id}&taught=&next_step=&client_id={client_id}"
                );
                sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                match post(addr, "/api/submit_checkin", &form, Some(&james)).await {
                    Some(r) if r.status == 200 => acknowledged.lock().unwrap().push(client_id),
                    Some(_) => {}
                    None => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            }
        }));
    }
    // Kill the server while the burst is in full flight.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 150 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().unwrap(); // SIGKILL on Unix: no shutdown, no flush
    server.wait().unwrap();
    let acked_at_kill: HashSet<String> = acknowledged.lock().unwrap().iter().cloned().collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for p in phones {
        p.await.unwrap();
    }
    let acked: HashSet<String> = acknowledged.lock().unwrap().iter().cloned().collect();
    assert!(acked.len() >= acked_at_kill.len());
    assert!(
        acked.len() >= 100,
        "the burst was acknowledged {} times",
        acked.len()
    );

    // Start again on the same files: every acknowledged check-in is there.
    let mut server = start(&dir, addr);
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
        "durability: {} sent, {} acknowledged, {} stored after SIGKILL and restart, {} lost",
        sent.load(std::sync::atomic::Ordering::SeqCst),
        acked.len(),
        stored.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
