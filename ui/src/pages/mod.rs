pub mod audit;
pub mod customers;
pub mod profiles;
pub mod set_up;
pub mod sign_in;
pub mod staff;
