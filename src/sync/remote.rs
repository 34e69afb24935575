//! The CalDAV server, through libdav over hyper with rustls (the system's CA store). Async inside,
//! blocking outside: a tokio runtime of the calling thread's own (current_thread) carries out each
//! request, with a time limit, so a server that does not answer never holds a sync for long.

use super::address::Address;
use http::StatusCode;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use libdav::CalDavClient;
use libdav::caldav::{CalendarComponent, GetCalendarResources, ListCalendarResources, TimeRange};
use libdav::dav::{Delete, GetEtag, PutResource, WebDavClient, WebDavError};
use std::future::Future;
use std::time::Duration;
use tower_http::auth::AddAuthorization;

type Http = AddAuthorization<Client<HttpsConnector<HttpConnector>, String>>;

/// How long one request may take before the server counts as not answering.
const ANSWER: Duration = Duration::from_secs(30);
const CONNECT: Duration = Duration::from_secs(10);

/// Why a request did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server answered with this status.
    Status(StatusCode),
    /// No answer: refused, reset, timed out, or not a server at all.
    Unreachable(String),
    /// An answer protime could not read.
    Garbled(String),
}

/// One event as the server holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub href: String,
    pub etag: String,
    pub data: String,
}

pub struct Server {
    runtime: tokio::runtime::Runtime,
    dav: CalDavClient<Http>,
    path: String,
}

impl Server {
    /// A client for the collection at `address`, signing in as `user`. Nothing is sent yet.
    pub fn new(address: &Address, user: &str, password: &str) -> Result<Server, Failure> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Failure::Unreachable(format!("could not start the network runtime: {e}"))
            })?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(CONNECT));
        let tls = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|e| {
                Failure::Unreachable(format!(
                    "no CA certificates found on this machine ({e}): install the system's \
                     ca-certificates package"
                ))
            })?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new()).build(tls);
        let client = AddAuthorization::basic(client, user, password);
        let base: http::Uri = address
            .url
            .parse()
            .map_err(|_| Failure::Garbled(format!("\"{}\" is not a URL", address.url)))?;
        Ok(Server {
            runtime,
            dav: CalDavClient::new(WebDavClient::new(base, client)),
            path: address.path.clone(),
        })
    }

    /// Runs one request to its end, or fails it after [`ANSWER`].
    fn run<T, E: std::error::Error>(
        &self,
        request: impl Future<Output = Result<T, WebDavError<E>>>,
    ) -> Result<T, Failure> {
        // The timer belongs to the runtime: made inside it.
        let limited = async { tokio::time::timeout(ANSWER, request).await };
        match self.runtime.block_on(limited) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(failure(&e)),
            Err(_) => Err(Failure::Unreachable(format!(
                "no answer within {} seconds",
                ANSWER.as_secs()
            ))),
        }
    }

    /// The hrefs and ETags of the events with time between `start` and `end` (UTC, as
    /// `YYYYMMDDTHHMMSSZ`).
    pub fn list(&self, start: &str, end: &str) -> Result<Vec<(String, String)>, Failure> {
        let stamp = |s: &str| {
            s.parse()
                .map_err(|_| Failure::Garbled(format!("bad time {s}")))
        };
        let range = TimeRange::Between(stamp(start)?, stamp(end)?);
        let request = ListCalendarResources::new(&self.path)
            .with_component_and_time_range(CalendarComponent::VEvent, range);
        let listed = self.run(self.dav.request(request))?;
        Ok(listed
            .resources
            .into_iter()
            .filter_map(|r| Some((r.href, r.etag?)))
            .collect())
    }

    /// The events at `hrefs`; one the server no longer has is left out.
    pub fn fetch(&self, hrefs: &[String]) -> Result<Vec<Fetched>, Failure> {
        if hrefs.is_empty() {
            return Ok(Vec::new());
        }
        let request = GetCalendarResources::new(&self.path).with_hrefs(hrefs);
        let got = self.run(self.dav.request(request))?;
        Ok(got
            .resources
            .into_iter()
            .filter_map(|r| {
                let content = r.content.ok()?;
                Some(Fetched {
                    href: r.href,
                    etag: content.etag,
                    data: content.data,
                })
            })
            .collect())
    }

    /// Writes `data` at `href`: only if nothing is there (`etag` None), or only over the version
    /// with `etag`. The new ETag; `Ok(None)` when the server holds another version (412).
    pub fn put(
        &self,
        href: &str,
        data: &str,
        etag: Option<&str>,
    ) -> Result<Option<String>, Failure> {
        let put = PutResource::new(href);
        let done = match etag {
            None => self.run(
                self.dav
                    .request(put.create(data, "text/calendar; charset=utf-8")),
            ),
            Some(etag) => {
                let update = put.update(data, "text/calendar; charset=utf-8", etag);
                self.run(self.dav.request(update))
            }
        };
        match done {
            Ok(answer) => match answer.etag {
                Some(etag) => Ok(Some(etag)),
                None => Ok(Some(self.run(self.dav.request(GetEtag::new(href)))?.etag)),
            },
            Err(Failure::Status(StatusCode::PRECONDITION_FAILED)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Deletes the version with `etag` at `href`. False when the server holds another version;
    /// an event that is gone already counts as deleted.
    pub fn delete(&self, href: &str, etag: &str) -> Result<bool, Failure> {
        match self.run(self.dav.request(Delete::new(href).with_etag(etag))) {
            Ok(_) | Err(Failure::Status(StatusCode::NOT_FOUND)) => Ok(true),
            Err(Failure::Status(StatusCode::PRECONDITION_FAILED)) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

fn failure<E: std::error::Error>(e: &WebDavError<E>) -> Failure {
    match e {
        WebDavError::BadStatusCode(status) => Failure::Status(*status),
        // The client's own error carries the causes (libdav's wrapper names none).
        WebDavError::Request(libdav::dav::RequestError::Client(e)) => {
            Failure::Unreachable(causes(e))
        }
        WebDavError::Request(e) => Failure::Unreachable(causes(e)),
        other => Failure::Garbled(causes(other)),
    }
}

/// An error's two innermost causes, "b: c", without repeats.
fn causes(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&dyn std::error::Error> = Some(e);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    // The innermost causes say what happened ("tcp connect error: Connection refused"); the
    // outer ones only which library layer passed it on.
    let from = parts.len().saturating_sub(2);
    parts[from..].join(": ")
}
