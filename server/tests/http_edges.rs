//! HTTP edges over a real TCP connection to a real listening server: a method a server function
//! does not take is answered 405 with `Allow`, and the connection stays usable (the unread body
//! is drained, never a silent close); a body over the limit is 413 whether its length is declared
//! or it is sent chunked; the import's 1.5 MB file still fits.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use server::routes::BODY_LIMIT_BYTES;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// Serves the harness's router on a loopback port, as `inversa serve` does.
async fn listen(h: &support::Harness) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = h
        .router
        .clone()
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// One HTTP/1.1 response, read whole.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    /// The value of header `name` (lower case), if sent once or more (first value).
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// A kept-alive client connection that writes raw requests and reads responses one by one.
struct Connection {
    stream: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Connection {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        let (read, writer) = stream.into_split();
        Connection {
            stream: BufReader::new(read),
            writer,
        }
    }

    async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.writer.write_all(bytes).await?;
        self.writer.flush().await
    }

    /// Writes `bytes` while reading the answer, as a client does whose server may answer (and
    /// stop reading) before the whole request is sent. Write errors are the server's choice.
    async fn write_and_read(&mut self, bytes: &[u8]) -> std::io::Result<Answer> {
        let Connection { stream, writer } = self;
        let write = async {
            let _ = writer.write_all(bytes).await;
            let _ = writer.flush().await;
        };
        let (_, answer) = tokio::join!(write, read_answer(stream));
        answer
    }

    async fn read(&mut self) -> std::io::Result<Answer> {
        read_answer(&mut self.stream).await
    }
}

/// Reads the next final response (1xx are skipped). An error when the server closed the
/// connection or sent something that is not HTTP.
async fn read_answer(stream: &mut BufReader<OwnedReadHalf>) -> std::io::Result<Answer> {
    use std::io::{Error, ErrorKind::InvalidData, ErrorKind::UnexpectedEof};
    {
        loop {
            let mut line = String::new();
            if stream.read_line(&mut line).await? == 0 {
                return Err(Error::new(UnexpectedEof, "connection closed before a response"));
            }
            let status: u16 = line
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error::new(InvalidData, format!("status line {line:?}")))?;
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                if stream.read_line(&mut h).await? == 0 {
                    return Err(Error::new(UnexpectedEof, "connection closed inside a head"));
                }
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (n, v) = h
                    .split_once(':')
                    .ok_or_else(|| Error::new(InvalidData, format!("header {h:?}")))?;
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
            if (100..200).contains(&status) {
                continue;
            }
            let mut answer = Answer {
                status,
                headers,
                body: Vec::new(),
            };
            if let Some(n) = answer.header("content-length") {
                let n: usize = n.parse().map_err(|_| Error::new(InvalidData, "length"))?;
                answer.body.resize(n, 0);
                stream.read_exact(&mut answer.body).await?;
            } else if answer.header("transfer-encoding") == Some("chunked") {
                loop {
                    let mut size = String::new();
                    stream.read_line(&mut size).await?;
                    let size = usize::from_str_radix(size.trim(), 16)
                        .map_err(|_| Error::new(InvalidData, format!("chunk size {size:?}")))?;
                    let mut chunk = vec![0; size + 2];
                    stream.read_exact(&mut chunk).await?;
                    if size == 0 {
                        break;
                    }
                    answer.body.extend_from_slice(&chunk[..size]);
                }
            }
            return Ok(answer);
        }
    }
}

impl Connection {
    /// Whether the server has closed the connection (reads EOF within `wait`).
    async fn closed_within(&mut self, wait: Duration) -> bool {
        let mut byte = [0u8; 1];
        matches!(
            tokio::time::timeout(wait, self.stream.read(&mut byte)).await,
            Ok(Ok(0) | Err(_))
        )
    }
}

fn head(method: &str, path: &str, addr: SocketAddr, extra: &str) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nAccept-Language: en\r\n{extra}\r\n"
    )
}

/// `body` in chunks of `piece` bytes, as `Transfer-Encoding: chunked` sends it.
fn chunked(body: &[u8], piece: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / piece * 8 + 8);
    for c in body.chunks(piece) {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_method_with_a_body_is_405_and_the_connection_stays_usable() {
    let h = support::harness().await;
    let addr = listen(&h).await;
    let mut c = Connection::open(addr).await;
    let methods = ["PUT", "DELETE", "PATCH", "OPTIONS"];
    for round in 0..1000 {
        let method = methods[round % methods.len()];
        // Small bodies that arrive with the head, and larger ones that arrive after it, some
        // only once the server had time to answer.
        let body = "email=ana%40example.com&password=x".repeat(match round % 5 {
            0 | 1 => 1,
            2 => 30,
            3 => 500,
            _ => 4000,
        });
        let extra = format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        );
        let request = head(method, "/api/sign_in", addr, &extra);
        if round % 2 == 0 {
            c.write(format!("{request}{body}").as_bytes()).await.unwrap();
        } else {
            c.write(request.as_bytes()).await.unwrap();
            if round % 4 == 3 {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            c.write(body.as_bytes()).await.unwrap();
        }
        let refused = c
            .read()
            .await
            .unwrap_or_else(|e| panic!("round {round}, {method} with {} bytes: {e}", body.len()));
        assert_eq!(refused.status, 405, "round {round}: {method}");
        assert_eq!(refused.header("allow"), Some("POST"), "round {round}: {method}");
        assert_eq!(
            refused.header("connection"),
            None,
            "round {round}: a drained body keeps the connection"
        );
        c.write(head("GET", "/healthz", addr, "").as_bytes())
            .await
            .unwrap_or_else(|e| panic!("round {round}: the connection was closed: {e}"));
        let health = c.read().await.unwrap_or_else(|e| {
            panic!(
                "round {round}: the GET after {method} with {} bytes failed: {e}",
                body.len()
            )
        });
        assert_eq!(
            (health.status, health.text().as_str()),
            (200, "ok"),
            "round {round}"
        );
    }
}

/// The error kind of a server function's error body.
fn kind(a: &Answer) -> String {
    a.json()["kind"].as_str().unwrap_or_default().to_owned()
}

/// The kind, problem and field of a server function's error body, `""` for what it lacks.
fn kind_problem_field(a: &Answer) -> [String; 3] {
    let v = a.json();
    ["kind", "problem", "field"].map(|k| v[k].as_str().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_413_declared_or_chunked() {
    let h = support::harness().await;
    let addr = listen(&h).await;
    let form = |len: usize| {
        let mut f = String::from("password=whatever1234&email=");
        f.push_str(&"x".repeat(len - f.len()));
        f
    };
    let three_mb = form(3 * 1024 * 1024);
    let just_over = form(BODY_LIMIT_BYTES + 1);
    let at_limit = form(BODY_LIMIT_BYTES);
    let form_type = "Content-Type: application/x-www-form-urlencoded\r\n";

    for (what, body) in [("3 MB", &three_mb), ("one byte over", &just_over)] {
        // Declared: refused from the head, without reading the body, and the connection is
        // closed explicitly.
        let mut c = Connection::open(addr).await;
        let extra = format!("{form_type}Content-Length: {}\r\n", body.len());
        c.write(head("POST", "/api/sign_in", addr, &extra).as_bytes())
            .await
            .unwrap();
        let r = c.write_and_read(body.as_bytes()).await.unwrap();
        assert_eq!(r.status, 413, "{what}, declared: {}", r.text());
        assert_eq!(kind(&r), "request_too_large", "{what}, declared");
        assert_eq!(r.header("connection"), Some("close"), "{what}, declared");
        assert!(c.closed_within(Duration::from_secs(5)).await);

        // Chunked: cut off at the limit, the same answer.
        let mut c = Connection::open(addr).await;
        let extra = format!("{form_type}Transfer-Encoding: chunked\r\n");
        c.write(head("POST", "/api/sign_in", addr, &extra).as_bytes())
            .await
            .unwrap();
        let r = c
            .write_and_read(&chunked(body.as_bytes(), 64 * 1024))
            .await
            .unwrap();
        assert_eq!(r.status, 413, "{what}, chunked: {}", r.text());
        assert_eq!(kind(&r), "request_too_large", "{what}, chunked");
        assert_eq!(r.header("connection"), Some("close"), "{what}, chunked");
        assert!(c.closed_within(Duration::from_secs(5)).await);
    }

    // At the limit the function itself reads the body, whichever way it is sent (a 2 MB email
    // is not an email), and the connection stays open for the next request.
    for chunks in [false, true] {
        let mut c = Connection::open(addr).await;
        let (extra, bytes) = if chunks {
            (
                format!("{form_type}Transfer-Encoding: chunked\r\n"),
                chunked(at_limit.as_bytes(), 100_000),
            )
        } else {
            (
                format!("{form_type}Content-Length: {}\r\n", at_limit.len()),
                at_limit.as_bytes().to_vec(),
            )
        };
        let mut request = head("POST", "/api/sign_in", addr, &extra).into_bytes();
        request.extend_from_slice(&bytes);
        let r = c.write_and_read(&request).await.unwrap();
        assert_eq!(r.status, 422, "chunked: {chunks}");
        assert_eq!(
            kind_problem_field(&r),
            ["invalid", "account.invalid_email", "email"],
            "chunked: {chunks}"
        );
        c.write(head("GET", "/healthz", addr, "").as_bytes())
            .await
            .unwrap();
        assert_eq!(c.read().await.unwrap().status, 200, "chunked: {chunks}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_largest_import_file_fits_and_a_larger_one_is_413() {
    use base64::Engine;
    let h = support::harness().await;
    let addr = listen(&h).await;
    let pm = h.sign_in("pm@example.com").await;
    let program = h.create_program(&pm).await;
    let max = app::import::api::MAX_UPLOAD_BYTES;
    // A file of exactly the documented limit: people with long department names.
    let mut csv = String::from("email;nombre;departamento\n");
    let mut n = 0;
    let department = "Departamento de pruebas ".repeat(8);
    while csv.len() + 400 < max {
        n += 1;
        csv.push_str(&format!(
            "persona{n:05}@example.com;Persona {n:05};{}\n",
            department.trim_end()
        ));
    }
    let pad = max - csv.len() - "ultima@example.com;Ultima;\n".len();
    csv.push_str(&format!("ultima@example.com;Ultima;{}\n", "D".repeat(pad)));
    assert_eq!(csv.len(), max);

    let request = |file: &[u8], chunks: bool| {
        let body = serde_json::json!({
            "program": program,
            "csv_base64": base64::engine::general_purpose::STANDARD.encode(file),
        })
        .to_string();
        assert!(body.len() <= BODY_LIMIT_BYTES, "{}", body.len());
        let framing = if chunks {
            "Transfer-Encoding: chunked\r\n".to_owned()
        } else {
            format!("Content-Length: {}\r\n", body.len())
        };
        let extra = format!("Content-Type: application/json\r\nCookie: {pm}\r\n{framing}");
        let mut bytes = head("POST", "/api/preview_import", addr, &extra).into_bytes();
        if chunks {
            bytes.extend_from_slice(&chunked(body.as_bytes(), 256 * 1024));
        } else {
            bytes.extend_from_slice(body.as_bytes());
        }
        bytes
    };
    for chunks in [false, true] {
        let mut c = Connection::open(addr).await;
        let r = c.write_and_read(&request(csv.as_bytes(), chunks)).await.unwrap();
        assert_eq!(r.status, 200, "chunked: {chunks}: {}", r.text());
        assert_eq!(r.json()["Read"]["rows"], n + 1, "chunked: {chunks}: {}", r.text());

        let mut bigger = csv.clone().into_bytes();
        bigger.push(b'\n');
        let r = c.write_and_read(&request(&bigger, chunks)).await.unwrap();
        assert_eq!(
            (r.status, kind(&r).as_str()),
            (413, "import_too_large"),
            "chunked: {chunks}: {}",
            r.text()
        );
        // Read whole by the function, so the connection goes on.
        c.write(head("GET", "/healthz", addr, "").as_bytes())
            .await
            .unwrap();
        assert_eq!(c.read().await.unwrap().status, 200);
    }
}
