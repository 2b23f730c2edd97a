// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Plain 18-decimal ERC-20 placed at the mainnet address of an LST that has no replica on the devnet (cbETH, ETHx,
/// ...). Non-rebasing, no fees. The devnet admin mints with `mint(address,uint256)`.
contract EigenMockERC20 {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public name;
    string public symbol;
    uint256 public totalSupply;
    address public admin;
    bool internal _initialized;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function initialize(string calldata name_, string calldata symbol_, address admin_) external {
        require(!_initialized, "EigenMockERC20: initialized");
        _initialized = true;
        name = name_;
        symbol = symbol_;
        admin = admin_;
    }

    function decimals() external view returns (uint8) { return 18; }

    function mint(address to, uint256 amount) external {
        require(msg.sender == admin, "EigenMockERC20: only admin");
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= amount, "ERC20: insufficient allowance");
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(to != address(0), "ERC20: transfer to the zero address");
        uint256 bal = balanceOf[from];
        require(bal >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] = bal - amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
