-- One database per subgraph (DESIGN.md: no relation crosses a subgraph).
CREATE DATABASE accounts;
CREATE DATABASE hotels;
CREATE DATABASE bookings;
CREATE DATABASE trips;
