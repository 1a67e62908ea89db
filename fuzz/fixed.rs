//! The fuzz targets' fixed keys and names: public test values, never a real database's. The
//! seeds in `fuzz/seeds/` are sealed and signed with them, so a mutated seed reaches past the
//! encryption and the signature into the container, the documents and the changes.
//! `tests/core/hostile_bytes.rs` includes this file (`#[path]`) to build those seeds from real
//! files (`UPDATE_FUZZ_SEEDS=1`) and to check the same readers in `cargo test`.

/// The county's age identity (the batch seeds are sealed to it).
pub const COUNTY_AGE: &str =
    "AGE-SECRET-KEY-1Y7D00XMJ9P525YLAWFY6U3M4U8F7K7JRZ5ACQ9RTFA7S3NRMUDESXH8GPP";
/// The county's Ed25519 signing secret, base64 (it signs the package and receipt seeds).
pub const COUNTY_SIGNING: &str = "2W8HfR9x/MDBl56aQLR8SYR2Nx2H5up4Yl1PZ6LM1nA=";
/// The laptop's age identity (the package seeds are sealed to it).
pub const DEVICE_AGE: &str =
    "AGE-SECRET-KEY-18K3TKRQE5HHX9KZ3RY6U388W55TEAFEP8LS7W56VREYFLJQTSENSH9QL7K";
/// The laptop's Ed25519 signing secret, base64 (it signs the batch seeds' manifests).
pub const DEVICE_SIGNING: &str = "qNDDhCtmTBsd48wfkiW93ULRpGeU2uD9Qq02juQsDRA=";
/// The township every batch seed's manifest names and the register answers.
pub const TOWNSHIP_ID: &str = "fuzz-township";
/// The county and laptop every package seed is addressed to.
pub const COUNTY_ID: &str = "fuzz-county";
pub const DEVICE_ID: &str = "fuzz-device";
