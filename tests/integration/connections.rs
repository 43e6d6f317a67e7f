//! The accept loop on a real socket: what `oneshot` cannot show.

use axum::routing::get;
use axum::Router;
use kragle_schedules::server::listener::serve;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

async fn start(header_timeout: Duration) -> (SocketAddr, oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new().route("/", get(|| async { "hello" })).route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(800)).await;
            "finished"
        }),
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app, header_timeout, async {
        let _ = stopped.await;
    }));
    (address, stop, server)
}

async fn get_raw(address: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.unwrap();
    reply
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let (address, _stop, _server) = start(Duration::from_millis(500)).await;
    let mut slow = TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: test\r\nX-Never-Ends: ").await.unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the server must close a connection whose headers never end");
    assert!(started.elapsed() < Duration::from_secs(3), "closed after {:?}", started.elapsed());
    // Other clients are served all along.
    assert!(get_raw(address, "/").await.ends_with("hello"));
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight_and_refuses_new_connections() {
    let (address, stop, server) = start(Duration::from_secs(10)).await;
    let in_flight = tokio::spawn(get_raw(address, "/slow"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let signalled = Instant::now();
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(TcpStream::connect(address).await.is_err(), "new connections are refused once shutting down");
    let reply = in_flight.await.unwrap();
    assert!(
        reply.starts_with("HTTP/1.1 200") && reply.ends_with("finished"),
        "the request in flight completed: {reply}"
    );
    tokio::time::timeout(Duration::from_secs(3), server).await.expect("the server stops once idle").unwrap();
    assert!(signalled.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn oversized_request_lines_and_headers_are_refused_before_any_handler() {
    let (address, _stop, _server) = start(Duration::from_secs(10)).await;
    for request in [
        format!("GET /{} HTTP/1.1\r\nHost: test\r\n\r\n", "a".repeat(1 << 20)),
        format!("GET / HTTP/1.1\r\nHost: test\r\nX-Big: {}\r\n\r\n", "b".repeat(1 << 20)),
        format!("GET / HTTP/1.1\r\nHost: test\r\n{}\r\n", "X-Many: c\r\n".repeat(500)),
    ] {
        let mut stream = TcpStream::connect(address).await.unwrap();
        // The server may close while we are still sending: that is a refusal too.
        let _ = stream.write_all(request.as_bytes()).await;
        let mut reply = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply))
            .await
            .expect("answered or closed promptly");
        let reply = String::from_utf8_lossy(&reply);
        assert!(reply.is_empty() || reply.starts_with("HTTP/1.1 4"), "refused: {reply}");
    }
    assert!(get_raw(address, "/").await.ends_with("hello"));
}
