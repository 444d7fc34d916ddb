"""The encrypted practice file: keys, connection, migrations, repositories, audit.

The only package that talks SQL or imports sqlcipher3.
"""
