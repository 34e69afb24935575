//! The CalDAV password in the desktop keyring: a small Secret Service client
//! (`org.freedesktop.secrets` on the session bus) over zbus 6, which notify-rust already links.
//!
//! Written here rather than taken from a crate: `oo7` and `secret-service` both build on zbus 5
//! (a second zbus in the binary), and libsecret would bring libdbus and GLib. protime needs only
//! this much of the API: a "plain" session (the secret crosses the user's own session bus only,
//! as with `secret-tool`), `SearchItems`, `Unlock` when no prompt is needed, `Item.GetSecret`,
//! and `Collection.CreateItem` in the collection the "default" alias names.
//!
//! Each use runs on a thread of its own and is given up on after [`PATIENCE`]: a keyring that
//! wants a password prompt, or a bus that does not answer, never holds up `protime sync`.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;
use zbus::{Connection, OwnedObjectPath, OwnedVariant, Variant};

/// How long the keyring may take to answer, all calls together.
pub const PATIENCE: Duration = Duration::from_secs(5);

const SERVICE: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE_IFACE: &str = "org.freedesktop.Secret.Service";
const COLLECTION_IFACE: &str = "org.freedesktop.Secret.Collection";
const ITEM_IFACE: &str = "org.freedesktop.Secret.Item";
/// The path that stands for "none": no prompt needed, no collection, no item.
const NONE: &str = "/";

/// A secret as the Secret Service passes it: session, parameters, value, content type.
type Secret = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);

/// Why the keyring gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// No session bus, or no Secret Service on it: why.
    Unavailable(String),
    /// The item or collection is locked, and unlocking it would need a password prompt.
    Locked,
    /// The Secret Service answered with an error: what it said.
    Failed(String),
}

/// Where [`store`] put the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The collection's label, e.g. "Login".
    pub collection: String,
    /// The item's label.
    pub label: String,
}

/// The item's attributes, the ones `secret-tool lookup service protime url URL user USER` uses.
fn attributes<'a>(url: &'a str, user: &'a str) -> HashMap<&'a str, &'a str> {
    HashMap::from([("service", "protime"), ("url", url), ("user", user)])
}

/// The item's label, as the keyring's own tools list it.
pub fn label(url: &str, user: &str) -> String {
    format!("protime CalDAV: {user} at {url}")
}

/// The password stored for `user` on `url`, if there is one.
pub fn lookup(url: &str, user: &str) -> Result<Option<String>, Trouble> {
    let (url, user) = (url.to_string(), user.to_string());
    bounded(move || zbus::block_on(find(&url, &user)))
}

/// Stores `password` for `user` on `url` in the default collection, in place of protime's item
/// for them, if there was one.
pub fn store(url: &str, user: &str, password: &str) -> Result<Stored, Trouble> {
    let (url, user, password) = (url.to_string(), user.to_string(), password.to_string());
    bounded(move || zbus::block_on(put(&url, &user, &password)))
}

/// Runs `job` on a thread of its own; gives up on it after [`PATIENCE`] (the thread is left to
/// finish or hang by itself).
fn bounded<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, Trouble> + Send + 'static,
) -> Result<T, Trouble> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("protime-keyring".into())
        .spawn(move || {
            let _ = tx.send(job());
        })
        .map_err(|e| Trouble::Failed(e.to_string()))?;
    rx.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        let secs = PATIENCE.as_secs();
        Err(Trouble::Unavailable(format!(
            "the keyring did not answer within {secs} s"
        )))
    })
}

async fn find(url: &str, user: &str) -> Result<Option<String>, Trouble> {
    let keyring = Keyring::open().await?;
    let (unlocked, locked) = keyring.search(url, user).await?;
    let item = match (unlocked.into_iter().next(), locked.is_empty()) {
        (Some(item), _) => item,
        (None, true) => return Ok(None),
        (None, false) => keyring.unlock(locked).await?.remove(0),
    };
    let (_, _, value, _): Secret = keyring
        .call(&item, ITEM_IFACE, "GetSecret", &(&keyring.session,))
        .await?;
    let text = String::from_utf8(value);
    text.map(Some)
        .map_err(|_| Trouble::Failed("the stored password is not text (UTF-8)".into()))
}

async fn put(url: &str, user: &str, password: &str) -> Result<Stored, Trouble> {
    let keyring = Keyring::open().await?;
    let collection: OwnedObjectPath = keyring.service("ReadAlias", &("default",)).await?;
    if collection.as_str() == NONE {
        return Err(Trouble::Failed(
            "the keyring has no default collection: make one with the desktop's password \
             manager (e.g. Seahorse), or use secret-tool"
                .into(),
        ));
    }
    keyring.unlock(vec![collection.clone()]).await?;
    // `replace` below matches on all attributes; an item `secret-tool store` made has one more.
    let (unlocked, locked) = keyring.search(url, user).await?;
    keyring.unlock(locked).await?;
    for item in unlocked {
        let prompt: OwnedObjectPath = keyring.call(&item, ITEM_IFACE, "Delete", &()).await?;
        if prompt.as_str() != NONE {
            return Err(Trouble::Locked);
        }
    }
    let label = label(url, user);
    let properties = HashMap::from([
        ("org.freedesktop.Secret.Item.Label", Variant::from(&label)),
        (
            "org.freedesktop.Secret.Item.Attributes",
            Variant::from(attributes(url, user)),
        ),
    ]);
    let secret = (
        &keyring.session,
        Vec::<u8>::new(),
        password.as_bytes(),
        "text/plain",
    );
    let (item, _prompt): (OwnedObjectPath, OwnedObjectPath) = keyring
        .call(
            &collection,
            COLLECTION_IFACE,
            "CreateItem",
            &(properties, secret, true),
        )
        .await?;
    if item.as_str() == NONE {
        return Err(Trouble::Locked);
    }
    let name: OwnedVariant = keyring
        .call(
            &collection,
            "org.freedesktop.DBus.Properties",
            "Get",
            &(COLLECTION_IFACE, "Label"),
        )
        .await?;
    let name = String::try_from(name).unwrap_or_default();
    let collection = match name.is_empty() {
        true => collection.as_str().to_string(),
        false => name,
    };
    Ok(Stored { collection, label })
}

/// A session with the Secret Service.
struct Keyring {
    conn: Connection,
    session: OwnedObjectPath,
}

impl Keyring {
    async fn open() -> Result<Keyring, Trouble> {
        let conn = zbus::connection::Builder::session()
            .method_timeout(PATIENCE)
            .build()
            .await
            .map_err(|e| Trouble::Unavailable(format!("no session bus ({e})")))?;
        let opened: Result<(OwnedVariant, OwnedObjectPath), _> = call(
            &conn,
            SERVICE_PATH,
            SERVICE_IFACE,
            "OpenSession",
            &("plain", Variant::from("")),
        )
        .await;
        let (_, session) = opened.map_err(|e| {
            Trouble::Unavailable(format!("no Secret Service on the session bus ({e})"))
        })?;
        Ok(Keyring { conn, session })
    }

    /// protime's items for `user` on `url`: the unlocked ones, and the locked ones.
    async fn search(
        &self,
        url: &str,
        user: &str,
    ) -> Result<(Vec<OwnedObjectPath>, Vec<OwnedObjectPath>), Trouble> {
        self.service("SearchItems", &(attributes(url, user),)).await
    }

    /// Unlocks `objects` where that needs no prompt: the ones unlocked.
    async fn unlock(&self, objects: Vec<OwnedObjectPath>) -> Result<Vec<OwnedObjectPath>, Trouble> {
        if objects.is_empty() {
            return Ok(objects);
        }
        let (unlocked, prompt): (Vec<OwnedObjectPath>, OwnedObjectPath) =
            self.service("Unlock", &(objects,)).await?;
        // A prompt would open the desktop's password dialog; it is not shown, so nothing waits
        // for someone to answer it.
        match prompt.as_str() == NONE && !unlocked.is_empty() {
            true => Ok(unlocked),
            false => Err(Trouble::Locked),
        }
    }

    async fn service<B, R>(&self, method: &str, body: &B) -> Result<R, Trouble>
    where
        B: serde::Serialize + zbus::wire::DynamicType,
        R: for<'d> zbus::wire::DynamicDeserialize<'d>,
    {
        self.call(SERVICE_PATH, SERVICE_IFACE, method, body).await
    }

    async fn call<B, R>(
        &self,
        path: &str,
        iface: &str,
        method: &str,
        body: &B,
    ) -> Result<R, Trouble>
    where
        B: serde::Serialize + zbus::wire::DynamicType,
        R: for<'d> zbus::wire::DynamicDeserialize<'d>,
    {
        let answer = call(&self.conn, path, iface, method, body).await;
        answer.map_err(|e| Trouble::Failed(format!("{method}: {e}")))
    }
}

async fn call<B, R>(
    conn: &Connection,
    path: &str,
    iface: &str,
    method: &str,
    body: &B,
) -> zbus::Result<R>
where
    B: serde::Serialize + zbus::wire::DynamicType,
    R: for<'d> zbus::wire::DynamicDeserialize<'d>,
{
    let reply = conn
        .call_method(Some(SERVICE), path, Some(iface), method, body)
        .await?;
    reply.body().deserialize()
}
