//! The server side: command line, database, HTTP stack, and running it all.

pub mod assets;
pub mod cli;
pub mod commands;
pub mod context;
pub mod database;
pub mod embedded_pg;
pub mod http;
pub mod listener;
pub mod ops;
pub mod state;
