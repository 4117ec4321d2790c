//! A strict Content-Security-Policy for the release site, written into its `index.html`:
//! scripts only from the site plus Trunk's one inline loader (allowed by its hash), WebAssembly
//! compilation, styles only from the site, and fetches to the site, https feeds, and local
//! servers.

use sha2::{Digest, Sha256};

use crate::process::Failure;

/// Adds the policy as the first element of `<head>`.
pub fn add_csp(html: &str) -> Result<String, Failure> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let open_end = after_tag
            .find('>')
            .ok_or_else(|| Failure::new("index.html has an unclosed <script> tag"))?;
        let tag = &after_tag[..open_end];
        let body_start = open_end + 1;
        let close = after_tag[body_start..]
            .find("</script>")
            .ok_or_else(|| Failure::new("index.html has a <script> without </script>"))?;
        let body = &after_tag[body_start..body_start + close];
        if !tag.contains(" src=") {
            hashes.push(format!(
                "'sha256-{}'",
                base64(&Sha256::digest(body.as_bytes()))
            ));
        }
        rest = &after_tag[body_start + close..];
    }
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; object-src 'none'; base-uri 'self'; form-action 'none'",
        hashes.join(" ")
    );
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let head = html
        .find("<head>")
        .ok_or_else(|| Failure::new("index.html has no <head>"))?
        + "<head>".len();
    Ok(format!("{}\n    {meta}{}", &html[..head], &html[head..]))
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        // sha256("") in the form CSP uses.
        assert_eq!(
            base64(&Sha256::digest(b"")),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn inline_scripts_are_hashed_and_the_policy_leads_the_head() {
        let html = "<html><head><title>x</title><script type=\"module\">init()</script><script src=\"a.js\"></script></head></html>";
        let with_policy = add_csp(html).expect("policy");
        let expected = format!("'sha256-{}'", base64(&Sha256::digest(b"init()")));
        assert!(with_policy.contains(&expected), "{with_policy}");
        assert!(with_policy
            .starts_with("<html><head>\n    <meta http-equiv=\"Content-Security-Policy\""));
        assert!(!with_policy.contains("unsafe-inline"));
        assert!(add_csp("<html></html>").is_err());
    }
}
