"""Open311 GeoReport v2 over the towns' appeals: services, service requests, filing, and what may be published."""
