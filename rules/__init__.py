"""Rule packs shipped with claimcheck (TOML files beside this module)."""
