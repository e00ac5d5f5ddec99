//! A real SMTP server on a loopback socket for tests: `mailin`'s SMTP state machine
//! behind a `TcpListener`, one thread per connection. It keeps what arrives, and can
//! refuse chosen recipients for good or pause at a chosen message (to kill a sender
//! in mid-delivery).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder};

/// One message as the sink received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message as sent: headers and body.
    pub data: String,
}

impl ReceivedMail {
    /// The first header called `name` (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(value) = value.as_mut() {
                    value.push_str(line.trim_start());
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((key, rest)) = line.split_once(':')
                && key.eq_ignore_ascii_case(name)
            {
                value = Some(rest.trim().to_owned());
            }
        }
        value
    }

    /// The `Message-ID` header.
    pub fn message_id(&self) -> String {
        self.header("Message-ID")
            .expect("every message has a Message-ID")
    }
}

#[derive(Debug, Default)]
struct Rules {
    refused: HashMap<String, (u16, String)>,
    /// Hold the answer to this message (counting from 1) until released.
    hold_at: Option<usize>,
    released: bool,
    /// Wait this long before accepting each message (a slow server).
    delay: Duration,
}

#[derive(Debug, Default)]
struct Shared {
    received: Mutex<Vec<ReceivedMail>>,
    rules: Mutex<Rules>,
    changed: Condvar,
    /// The login and password it takes (AUTH PLAIN), if it asks for one.
    login: Option<(String, String)>,
}

/// The running sink (it stops with the test process).
#[derive(Debug, Clone)]
pub struct MailSink {
    port: u16,
    shared: Arc<Shared>,
}

impl MailSink {
    /// A sink on a free loopback port.
    pub fn start() -> Self {
        Self::start_on(0)
    }

    /// A sink on `port` of 127.0.0.1 (0: any free one).
    pub fn start_on(port: u16) -> Self {
        Self::listen(port, None)
    }

    /// A sink that takes mail only after AUTH PLAIN with `login` and `password`
    /// (offered without TLS: it is on loopback).
    pub fn start_with_login(login: &str, password: &str) -> Self {
        Self::listen(0, Some((login.to_owned(), password.to_owned())))
    }

    fn listen(port: u16, login: Option<(String, String)>) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the sink's port is free");
        let port = listener.local_addr().expect("bound").port();
        let shared = Arc::new(Shared {
            login,
            ..Shared::default()
        });
        let accepting = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = accepting.clone();
                std::thread::spawn(move || serve(stream, &shared));
            }
        });
        Self { port, shared }
    }

    /// A loopback port nothing listens on (yet).
    pub fn free_port() -> u16 {
        TcpListener::bind(("127.0.0.1", 0))
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port()
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Refuses mail to `recipient` for good with `code` and `text` (at RCPT TO).
    pub fn refuse(&self, recipient: &str, code: u16, text: &str) {
        self.rules()
            .refused
            .insert(recipient.to_owned(), (code, text.to_owned()));
    }

    /// Holds the answer to the `n`th message (from 1) until [`MailSink::release`]:
    /// the sender has sent it but does not know it arrived.
    pub fn hold_at(&self, n: usize) {
        self.rules().hold_at = Some(n);
    }

    /// Lets a held message's answer go.
    pub fn release(&self) {
        self.rules().released = true;
        self.shared.changed.notify_all();
    }

    /// Waits `delay` before accepting each message.
    pub fn slow_down(&self, delay: Duration) {
        self.rules().delay = delay;
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Waits until at least `count` messages arrived, or `timeout` passed; returns
    /// what arrived.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = std::time::Instant::now() + timeout;
        let mut received = self
            .shared
            .received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while received.len() < count {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            received = self
                .shared
                .changed
                .wait_timeout(received, left)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        received.clone()
    }

    fn rules(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.shared
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

struct SinkHandler {
    shared: Arc<Shared>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for SinkHandler {
    fn auth_plain(&mut self, _authorization: &str, login: &str, password: &str) -> Response {
        match &self.shared.login {
            Some((expected, right)) if expected == login && right == password => {
                mailin::response::AUTH_OK
            }
            _ => mailin::response::INVALID_CREDENTIALS,
        }
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let refused = self
            .shared
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .refused
            .get(to)
            .cloned();
        match refused {
            Some((code, text)) => Response::custom(code, text),
            None => mailin::response::OK,
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let delay = self
            .shared
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .delay;
        std::thread::sleep(delay);
        let number = {
            let mut received = self
                .shared
                .received
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            received.push(ReceivedMail {
                to: std::mem::take(&mut self.to),
                data: String::from_utf8_lossy(&self.data).into_owned(),
            });
            received.len()
        };
        self.shared.changed.notify_all();
        let mut rules = self
            .shared
            .rules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while rules.hold_at == Some(number) && !rules.released {
            rules = self
                .shared
                .changed
                .wait(rules)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        mailin::response::OK
    }
}

fn serve(stream: TcpStream, shared: &Arc<Shared>) {
    let remote = stream
        .peer_addr()
        .map_or(IpAddr::from([127, 0, 0, 1]), |address| address.ip());
    // Answers go out whole and at once: no Nagle wait between the pieces of a line.
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let handler = SinkHandler {
        shared: shared.clone(),
        to: Vec::new(),
        data: Vec::new(),
    };
    let mut builder = SessionBuilder::new("sink.test");
    if shared.login.is_some() {
        builder
            .enable_auth(AuthMechanism::Plain)
            .insecure_enable_plaintext_auth();
    }
    let mut session = builder.build(remote, handler);
    if answer(&mut writer, &session.greeting()).is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => {}
            Action::Reply | Action::UpgradeTls => {
                if answer(&mut writer, &response).is_err() {
                    return;
                }
            }
            Action::Close => {
                let _ = answer(&mut writer, &response);
                return;
            }
        }
    }
}

fn answer(writer: &mut TcpStream, response: &Response) -> std::io::Result<()> {
    writer.write_all(&response.buffer()?)?;
    writer.flush()
}
