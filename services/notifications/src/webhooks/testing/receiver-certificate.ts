/**
 * A self-signed certificate for `receiver.inovda.test` (P-256, valid until 2126), made for tests only with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -subj /CN=receiver.inovda.test
 * -addext subjectAltName=DNS:receiver.inovda.test`. It protects nothing: it lets a test run an HTTPS receiver on
 * 127.0.0.1 and check that a pinned connection still verifies the certificate against the URL's host name.
 */
export const TEST_RECEIVER_HOST = 'receiver.inovda.test';

export const TEST_RECEIVER_CERT = `-----BEGIN CERTIFICATE-----
MIIBtjCCAVygAwIBAgIUfc4vKlpLditpwCXUjE1Hd/MiUQEwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUcmVjZWl2ZXIuaW5vdmRhLnRlc3QwIBcNMjYxMjAxMDgwNTE0
WhgPMjEyNjExMDcwODA1MTRaMB8xHTAbBgNVBAMMFHJlY2VpdmVyLmlub3ZkYS50
ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEiP/RjpjXaMZ0ii+WQF/uFDiB
osBQ9eVZuOFWM8CybeyaaTyF3a+w2mhXUFEAcuwHgAv23764paJiYEIrxbP3wqN0
MHIwHQYDVR0OBBYEFHs2GQgRShgunNDYEUWaykCd4YNAMB8GA1UdIwQYMBaAFHs2
GQgRShgunNDYEUWaykCd4YNAMA8GA1UdEwEB/wQFMAMBAf8wHwYDVR0RBBgwFoIU
cmVjZWl2ZXIuaW5vdmRhLnRlc3QwCgYIKoZIzj0EAwIDSAAwRQIgX1RpeMC5Dx0j
B991qy5OQRsdgFBOhjQ7G0yB5T17xTICIQDgD52xRmyYIgNuoaulSFhEs9P1vWa9
DFaJcaUoCDM9Qg==
-----END CERTIFICATE-----
`;

export const TEST_RECEIVER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgaWB3uqtEqXNIEZSA
sUxgNiMDfHUQJQBTpLudxMejgKChRANCAASI/9GOmNdoxnSKL5ZAX+4UOIGiwFD1
5Vm44VYzwLJt7JppPIXdr7DaaFdQUQBy7AeAC/bfvrilomJgQivFs/fC
-----END PRIVATE KEY-----
`;
