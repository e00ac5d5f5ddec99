// Release builds on Windows get no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    customer_desk::run();
}
