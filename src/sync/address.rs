//! The calendar collection's address: https anywhere, plain http only to this machine.

use std::net::IpAddr;

/// A calendar collection's URL that protime may send a password to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The URL as configured, with a `/` at the end of the path.
    pub url: String,
    /// The collection's path on the server (`/anna/work/`).
    pub path: String,
}

impl Address {
    pub fn parse(url: &str) -> Result<Address, String> {
        let url = url.trim();
        let uri: http::Uri = url.parse().map_err(|_| {
            format!("\"{url}\" is not a URL: write the calendar's whole address, https://…")
        })?;
        let host = uri.host().unwrap_or("");
        match uri.scheme_str() {
            Some("https") if !host.is_empty() => {}
            Some("http") if is_loopback(host) => {}
            Some("http") => {
                return Err(format!(
                    "\"{url}\" is plain http to another machine, which would send the password \
                     in the clear: use the calendar's https:// address"
                ));
            }
            _ => {
                return Err(format!(
                    "\"{url}\" is not an https:// address: write the calendar's whole address"
                ));
            }
        }
        let mut path = uri.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        let url = match url.ends_with('/') || uri.query().is_some() {
            true => url.to_string(),
            false => format!("{url}/"),
        };
        Ok(Address { url, path })
    }

    /// Where the event with `uid` lives when protime creates it.
    pub fn href_for(&self, uid: &str) -> String {
        let safe: String = uid
            .chars()
            .map(|c| match c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                true => c,
                false => '_',
            })
            .collect();
        format!("{}{safe}.ics", self.path)
    }
}

/// `localhost`, `127.x.x.x` or `[::1]`.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_this_machine() {
        let a = Address::parse("https://dav.example.com/anna/work").unwrap();
        assert_eq!(a.url, "https://dav.example.com/anna/work/");
        assert_eq!(a.path, "/anna/work/");
        for ok in [
            "http://127.0.0.1:5232/anna/work/",
            "http://localhost:5232/a/",
            "http://[::1]:5232/a/",
        ] {
            assert!(Address::parse(ok).is_ok(), "{ok}");
        }
        let e = Address::parse("http://dav.example.com/anna/").unwrap_err();
        assert!(e.contains("in the clear") && e.contains("https://"), "{e}");
        let e = Address::parse("http://10.0.0.1/anna/").unwrap_err();
        assert!(e.contains("in the clear"), "{e}");
        assert!(Address::parse("ftp://dav.example.com/").is_err());
        assert!(Address::parse("dav.example.com/anna").is_err());
    }

    #[test]
    fn an_href_is_the_uid_in_the_collection() {
        let a = Address::parse("https://d.example/anna/work/").unwrap();
        assert_eq!(
            a.href_for("2026-11-30-b1@0a1b"),
            "/anna/work/2026-11-30-b1@0a1b.ics"
        );
        assert_eq!(a.href_for("a/b c"), "/anna/work/a_b_c.ics");
    }
}
