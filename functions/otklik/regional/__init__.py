"""The exchange with the regional centre (ЦУР): its clients, the signed API it hands appeals down through,
and the callbacks that tell it what became of them."""
